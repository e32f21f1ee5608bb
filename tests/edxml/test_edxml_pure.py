"""The edXML package is pure: importing it loads no Zope or Plone code
beyond zope.i18nmessageid (the msgids of the refusals)."""

import subprocess
import sys


def test_no_zope_or_plone_imports():
    code = (
        "import sys\n"
        "import qlvbdh_policy.edxml.reader, qlvbdh_policy.edxml.writer, qlvbdh_policy.edxml.codes\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('Products', 'plone', 'OFS',"
        " 'Zope2', 'ZODB', 'App') or (m.startswith('zope.') and not m.startswith('zope.i18nmessageid')))\n"
        "print(','.join(heavy))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
