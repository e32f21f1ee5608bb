"""The user guide inside the site (Quy chế Điều 10.2; issue 16).

``@@huong-dan`` on the site and on each agency (the root of its host):

- ``@@huong-dan``: what the system is, the login help with its shots, one
  card per role, questions and the IT centre's contact; readable before
  logging in, so the login page's help link works for a visitor;
- ``@@huong-dan/cua-toi`` (the footer's link on every page): the reader's
  own role page, or the index (at its login help for a visitor);
- ``@@huong-dan/<role>``: the role's day, one section per shot of
  ``shots.SHOTS``, for logged-in officials (a visitor is sent to log in);
  the site manager's page (changing workflows through the web, issue 22)
  only for those who may use the screens it explains (Manage portal):
  others are refused it, its images too, and the index shows its card to
  site managers only;
- ``@@huong-dan/anh/<file>.png``: a screenshot, by the names of
  ``shots.screenshot_name`` only. Served by the guide wherever it is, so
  the images answer on every agency's host as the pages do. The login
  shots are public like the page that shows them; the others follow their
  role pages.

A shot whose file the browser test has not saved yet shows a placeholder,
so a fresh checkout renders the whole guide.
"""

from html import escape
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.browser.footer import ProvinceFooter
from qlvbdh_policy.guide import shots
from qlvbdh_policy.guide import text
from qlvbdh_policy.guide import workflow_text
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import guide as rules
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import re

VIEW_NAME = "huong-dan"
IMAGES = "anh"
MINE = "cua-toi"  # the footer's link: the reader's own role, or the index
UI_LABEL = re.compile(r"\[\[([^\]]+)\]\]")
IMAGE_NAMES = rules.image_names(shots.SHOTS, shots.viewports_of, shots.screenshot_name)
#: the screens the site manager's page explains ask for this permission
SITE_MANAGER_PERMISSION = "Manage portal"


def ui_labels(paragraph):
    """The msgids a paragraph names as ``[[msgid]]``."""
    return UI_LABEL.findall(paragraph)


@implementer(IPublishTraverse)
class GuideView(BrowserView):
    index = ViewPageTemplateFile("templates/index.pt")
    role_page = ViewPageTemplateFile("templates/role.pt")
    guide_macros = ViewPageTemplateFile("templates/macros.pt")

    role = None
    image = None
    in_images = False
    mine = False

    def publishTraverse(self, request, name):
        """One name after the guide: a role or ``anh``; one after ``anh``:
        the file. The view itself goes on, so its permission (public) and
        the checks of ``__call__`` apply to every sub-path."""
        if self.in_images and self.image is None and name in IMAGE_NAMES:
            self.image = name
            return self
        if not (self.in_images or self.mine) and self.role is None:
            if name == MINE:
                self.mine = True
                return self
            if name == IMAGES:
                self.in_images = True
                return self
            if name in shots.ROLES:
                self.role = name
                return self
        raise NotFound(self, name, request)

    def __call__(self):
        if self.in_images:
            return self.serve_image()
        if self.mine:
            return self.request.response.redirect(self.mine_url())
        if self.role is not None:
            if api.user.is_anonymous():
                raise Unauthorized(self.role)  # Plone's challenge: the login form
            if not self.may_read(self.role):
                raise Unauthorized(self.role)
            return self.role_page()
        return self.index()

    # -- images ------------------------------------------------------------

    def serve_image(self):
        if self.image is None:
            raise NotFound(self, IMAGES, self.request)
        role, step, _viewport = IMAGE_NAMES[self.image]
        public = rules.is_public(step)
        if not public and (api.user.is_anonymous() or not self.may_read(role)):
            raise Unauthorized(self.image)
        path = shots.SCREENSHOTS / self.image
        if not path.is_file():
            raise NotFound(self, self.image, self.request)
        data = path.read_bytes()
        response = self.request.response
        response.setHeader("Content-Type", "image/png")
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Cache-Control",
                           f"{'public' if public else 'private'}, max-age=3600")
        return data

    # -- pages -------------------------------------------------------------

    def guide_url(self):
        return f"{self.context.absolute_url()}/@@{VIEW_NAME}"

    def image_url(self, role, step, viewport="desktop"):
        return f"{self.guide_url()}/{IMAGES}/{shots.screenshot_name(role, step, viewport)}"

    def paragraph(self, source):
        """Prose as HTML: escaped, each ``[[msgid]]`` the label the
        interface shows, in bold."""
        parts = UI_LABEL.split(source)
        html = []
        for i, part in enumerate(parts):
            if i % 2:
                label = translate(_(part), context=self.request)
                html.append(f'<strong class="qlvbdh-guide-ui">{escape(label)}</strong>')
            else:
                html.append(escape(part))
        return "".join(html)

    def may_read(self, role):
        """Every role's page is open to any official, but the site
        manager's: it explains the ZMI and the policy switch, screens only
        site managers may use."""
        if role != shots.SITE_MANAGER:
            return True
        return api.user.has_permission(SITE_MANAGER_PERMISSION, obj=self.context)

    def shot(self, role, step, caption, number=None):
        desktop = shots.screenshot_path(role, step, "desktop")
        phone = shots.screenshot_path(role, step, "phone")
        if "phone" not in shots.viewports_of(role):
            phone = None
        return {
            "role": role, "step": step, "caption": caption, "number": number,
            "anchor": f"{role}-{step}",
            "paragraphs": [self.paragraph(p) for p in text.STEPS.get((role, step), ())],
            "image": self.image_url(role, step) if desktop.is_file() else None,
            "phone": self.image_url(role, step, "phone") if phone and phone.is_file() else None,
            "page": self.step_page(role, step),
            "variables": self.variables() if (role, step) == workflow_text.VARIABLES_STEP
            else None,
        }

    def variables(self):
        """The state variables a site manager sets, each with its values."""
        return [{"name": name, "says": self.paragraph(says),
                 "choices": [{"value": value, "means": self.paragraph(means)}
                            for value, means in values]}
                for name, says, values in workflow_text.VARIABLES]

    def step_page(self, role, step):
        """The address of the page a step shows, where the guide is read
        (an agency's page from an agency's guide, the province's from the
        portal's); None elsewhere."""
        path, where = text.STEP_PAGES.get((role, step), (None, None))
        if path is None:
            return None
        agency = IAgency.providedBy(self.context)
        if (where == "agency" and not agency) or (where == "portal" and agency):
            return None
        base = self.context.absolute_url()
        return f"{base}/{path}" if path else base

    def role_title(self, role=None):
        return shots.ROLES[role or self.role]

    def who(self):
        return text.ROLE_INTROS.get(self.role, "")

    def steps(self):
        return [self.shot(self.role, step, caption, n)
                for n, (step, caption) in enumerate(shots.shots_of(self.role), start=1)]

    def login_shots(self):
        return [self.shot(role, step, caption) for role, step, caption in shots.SHOTS
                if rules.is_public(step)]

    def intro(self):
        return [self.paragraph(p) for p in text.INTRO]

    def login_help(self):
        return [self.paragraph(p) for p in text.LOGIN]

    def roles(self):
        mine = self.reader_role()
        shown = [role for role in shots.ROLES
                 if role != shots.SITE_MANAGER or (mine is not None and self.may_read(role))]
        return [{"id": role, "title": shots.ROLES[role], "who": text.ROLE_INTROS.get(role, ""),
                 "url": f"{self.guide_url()}/{role}", "mine": role == mine}
                for role in shown]

    def reader_role(self):
        if api.user.is_anonymous():
            return None
        user = api.user.get_current()
        role = rules.guide_role(user.getGroups() or (), user.getRoles() or ())
        if role == shots.SITE_MANAGER and not self.may_read(role):
            # a Manager granted on one folder only: the guide of his groups
            role = rules.guide_role(user.getGroups() or (), ())
        return role

    def mine_url(self):
        role = self.reader_role()
        if role is not None:
            return f"{self.guide_url()}/{role}"
        if api.user.is_anonymous():
            return f"{self.guide_url()}#dang-nhap"
        return self.guide_url()

    def anonymous(self):
        return api.user.is_anonymous()

    def faq(self):
        return [{"question": q, "answer": self.paragraph(a)} for q, a in text.FAQ]

    def support_text(self):
        return text.SUPPORT

    def support(self):
        """The contact the footer shows (Site Setup › Mail)."""
        return ProvinceFooter(self.context, self.request).support()

    def login_url(self):
        return f"{self.context.absolute_url()}/login"
