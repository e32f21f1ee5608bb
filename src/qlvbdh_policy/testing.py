"""Test layers: integration, functional, and functional over a real WSGI
server (for HTTP and browser tests)."""

from App.config import getConfiguration
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope as zope_testing

import os
import shutil
import tempfile

MAX_CONFLICT_RETRIES = 10

os.environ.setdefault("zope_i18n_compile_mo_files", "true")
os.environ.setdefault("TZ", "Asia/Ho_Chi_Minh")


class QlvbdhLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import plone.restapi
        import qlvbdh_policy

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=qlvbdh_policy)
        # as Plone loads it in an instance (autoIncludePluginsOverrides)
        self.loadZCML(name="overrides.zcml", package=qlvbdh_policy)

        # mails queue in a folder of this test process, never in a shared one
        self.mail_queue = tempfile.mkdtemp(prefix="qlvbdh-mailqueue-")
        config = getConfiguration()
        if getattr(config, "product_config", None) is None:
            config.product_config = {}
        config.product_config["qlvbdh_policy"] = {
            "mail-queue": os.path.join(self.mail_queue, "queue"),
            # the documents' access log: a file of this test process too
            "access-log": os.path.join(self.mail_queue, "access-log.sqlite")}

    def tearDownZope(self, app):
        from qlvbdh_policy import mail_queue

        mail_queue.stop_processor()
        getConfiguration().product_config.pop("qlvbdh_policy", None)
        shutil.rmtree(self.mail_queue, ignore_errors=True)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "qlvbdh_policy:default")


QLVBDH_FIXTURE = QlvbdhLayer()

QLVBDH_INTEGRATION_TESTING = IntegrationTesting(
    bases=(QLVBDH_FIXTURE,), name="Qlvbdh:Integration"
)
QLVBDH_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(QLVBDH_FIXTURE,), name="Qlvbdh:Functional"
)
class ServerTesting(FunctionalTesting):
    """Functional testing over the WSGI server, which retries conflicts as
    instance/zope.conf configures (max-conflict-retries)."""

    def setUp(self):
        from ZPublisher.HTTPRequest import HTTPRequest

        super().setUp()
        self._retries = HTTPRequest.retry_max_count
        HTTPRequest.retry_max_count = MAX_CONFLICT_RETRIES

    def tearDown(self):
        from ZPublisher.HTTPRequest import HTTPRequest

        HTTPRequest.retry_max_count = self._retries
        super().tearDown()


QLVBDH_SERVER_TESTING = ServerTesting(
    bases=(QLVBDH_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="Qlvbdh:Server",
)
