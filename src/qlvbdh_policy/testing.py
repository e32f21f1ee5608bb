"""Test layers: integration, functional, and functional over a real WSGI
server (for HTTP and browser tests)."""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope as zope_testing

import os

os.environ.setdefault("zope_i18n_compile_mo_files", "true")
os.environ.setdefault("TZ", "Asia/Ho_Chi_Minh")


class QlvbdhLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.restapi
        import qlvbdh_policy

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=qlvbdh_policy)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "qlvbdh_policy:default")


QLVBDH_FIXTURE = QlvbdhLayer()

QLVBDH_INTEGRATION_TESTING = IntegrationTesting(
    bases=(QLVBDH_FIXTURE,), name="Qlvbdh:Integration"
)
QLVBDH_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(QLVBDH_FIXTURE,), name="Qlvbdh:Functional"
)
QLVBDH_SERVER_TESTING = FunctionalTesting(
    bases=(QLVBDH_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="Qlvbdh:Server",
)
