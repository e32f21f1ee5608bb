"""Open the new year's register books (cron, just after midnight on
1 January, Vietnam time); running it again changes nothing."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import transaction


def main(app, argv):
    args = parser("new_year", with_date=True).parse_args(argv)
    from qlvbdh_policy.registers.closing import last_number
    from qlvbdh_policy.registers.closing import open_new_year

    done = open_new_year(open_site(app, args.site), args.date)
    transaction.commit()
    for old, new in done:
        print(f"{'/'.join(old.getPhysicalPath())} (last number {last_number(old)}) -> "
              f"{'/'.join(new.getPhysicalPath())}")
    print(f"New year: {len(done)} register books")
    return done
