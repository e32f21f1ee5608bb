# The nginx configuration of every agency host (production reverse proxy):
#   zconsole run var/etc/zope.conf scripts/nginx_config.py --base vpdtg.vn   (make nginx-config)
# Write it to /etc/nginx/conf.d/qlvbdh.conf and reload nginx after an agency is added or renamed.
from qlvbdh_policy.console.nginx_config import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("nginx_config.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
