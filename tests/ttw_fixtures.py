"""Changing a workflow through the web in Chromium, as a site manager does
(issue 22): the ZMI forms, Plone's policy forms, the agency's
@@workflow-policy page, the group membership page; and what each official
then reads in the browser: "Việc của tôi", the register book's state
filter, search by state, the statistics. Used by
tests/workflow_guards/test_ttw_browser.py, which also takes the site
manager's guide shots here (guide_shooting)."""

from base64 import b64encode
from browser import CHROMIUM
from browser import CHROMIUM_ARGS
from contextlib import contextmanager
from guide_shooting import save_shot
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.guide.shots import SITE_MANAGER
from routing_fixtures import PASSWORD

COPY = "copy_of_qlvbdh_incoming_workflow"
STATE, ASK, GIVE = "cho_y_kien", "xin_y_kien", "cho_y_kien_xong"
STATE_TITLE = "Chờ phó giám đốc cho ý kiến"
ASK_TITLE, GIVE_TITLE = "Xin ý kiến phó giám đốc", "Cho ý kiến"
POLICY, POLICY_TITLE = "ban_sao", "Cơ quan: lãnh đạo xin ý kiến phó giám đốc"
STANDARD = "qlvbdh_standard"
DEPUTY, DEPUTY_NAME = "pgda", "Phạm Phó Giám Đốc"
#: the statistics' columns read after each change (usage-statistics)
FIGURES = ("incoming-registered", "still-in-hand", "overdue-now")


class People:
    """One Chromium; each person a context of his own, signed in by HTTP
    basic auth as the REST clients are. ``shots`` lists the guide's shots
    taken."""

    def __init__(self, browser, site, artifacts):
        self.browser, self.site, self.artifacts = browser, site, artifacts
        self.pages = {}
        self.shots = []

    def page(self, user):
        if user not in self.pages:
            password = SITE_OWNER_PASSWORD if user == SITE_OWNER_NAME else PASSWORD
            token = b64encode(f"{user}:{password}".encode()).decode()
            context = self.browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh",
                extra_http_headers={"Authorization": f"Basic {token}"})
            self.pages[user] = context.new_page()
        return self.pages[user]

    def go(self, user, path):
        page = self.page(user)
        answer = page.goto(path if path.startswith("http") else f"{self.site}/{path}")
        page.wait_for_load_state()
        assert answer.status == 200, (path, answer.status)
        return page

    def artifact(self, page, name):
        page.screenshot(path=str(self.artifacts / f"ttw-{name}.png"), full_page=True)

    def guide_shot(self, page, step, focus=None):
        """A shot of the site manager's guide page (guide.shots.SITE_SHOTS)."""
        if focus:
            page.locator(focus).first.scroll_into_view_if_needed()
        save_shot(page, SITE_MANAGER, step)
        self.shots.append(step)

    # -- what the officials read -----------------------------------------------------

    def my_work(self, user):
        page = self.go(user, "sttt/@@my-work")
        table = page.locator("table.qlvbdh-my-work")
        return table.inner_text() if table.count() else ""

    def book(self, state):
        """The incoming book filtered by ``state``: (its text, the state's
        option titles offered)."""
        page = self.go(SITE_OWNER_NAME, f"sttt/den-2026?book=incoming&state={state}")
        options = page.locator("select#state option").all_inner_texts()
        rows = page.locator("table.qlvbdh-book tbody")
        return (rows.inner_text() if rows.count() else ""), options

    def search(self, state):
        page = self.go(SITE_OWNER_NAME, f"sttt/@@search-documents?state={state}")
        return page.locator("#content").inner_text()

    def figures(self):
        """The agency's row of the province's statistics."""
        page = self.go(SITE_OWNER_NAME, "@@usage-statistics?from=01/01/2026&to=27/11/2026")
        row = page.locator("#stats-sttt")
        return {name: row.locator(f"td.{name}").inner_text().strip() for name in FIGURES}

    def step(self, user, doc_url, transition, comment):
        """The step's button on the document's page, its form, Save."""
        page = self.go(user, doc_url)
        page.click(f"#routing-{transition}")
        page.wait_for_load_state()
        page.fill("#form-widgets-comment", comment)
        page.click("#form-buttons-save")
        page.wait_for_load_state()
        return page


@contextmanager
def people(site, artifacts):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            yield People(browser, site, artifacts)
        finally:
            browser.close()


# -- the site manager's screens ----------------------------------------------------------


def zmi_add(page, url, button, new_id):
    page.goto(url)
    page.locator("input[name=id]").last.fill(new_id)
    page.locator(f"input[name='{button}']").click()
    page.wait_for_load_state()


def zmi_properties(page, url, title, submit=True, **fields):
    page.goto(f"{url}/manage_properties")
    page.locator("input[name=title]").fill(title)
    for name, value in fields.items():
        if name == "transitions":
            for tid in value:
                page.locator(f"input[name='transitions:list'][value='{tid}']").check()
        elif name == "new_state_id":
            page.locator("select[name=new_state_id]").select_option(value)
        elif name == "trigger_type":
            page.locator(f"input[name=trigger_type][value='{value}']").check()
        else:
            page.locator(f"input[name={name}]").fill(value)
    if submit:
        save_properties(page)


def save_properties(page):
    page.locator("input[name=submit]").first.click()
    page.wait_for_load_state()


def step_fields(tid, title, guard_role):
    """The transition form's fields: a user step with its button."""
    return {"trigger_type": "1", "guard_roles": guard_role, "actbox_name": title,
            "actbox_url": f"%(content_url)s/@@step?transition={tid}",
            "actbox_category": "workflow"}


def add_step_in_the_zmi(people):
    page = people.page(SITE_OWNER_NAME)
    tool = f"{people.site}/portal_workflow"
    page.goto(f"{tool}/manage_main")
    page.locator("input[name='ids:list'][value='qlvbdh_incoming_workflow']").check()
    page.locator("input[name='manage_copyObjects:method']").click()
    page.wait_for_load_state()
    page.locator("input[name='manage_pasteObjects:method']").click()
    page.wait_for_load_state()
    people.guide_shot(page, "sao-chep", f"input[name='ids:list'][value='{COPY}']")
    wf = f"{tool}/{COPY}"
    zmi_add(page, f"{wf}/states/manage_main", "addState:method", STATE)
    zmi_add(page, f"{wf}/transitions/manage_main", "addTransition:method", ASK)
    zmi_add(page, f"{wf}/transitions/manage_main", "addTransition:method", GIVE)
    zmi_properties(page, f"{wf}/transitions/{ASK}", ASK_TITLE, submit=False,
                   new_state_id=STATE, **step_fields(ASK, ASK_TITLE, "Leader"))
    people.guide_shot(page, "them-buoc")
    save_properties(page)
    zmi_properties(page, f"{wf}/transitions/{GIVE}", GIVE_TITLE, new_state_id="submitted",
                   **step_fields(GIVE, GIVE_TITLE, "DeputyLeader"))
    zmi_properties(page, f"{wf}/states/{STATE}", STATE_TITLE, transitions=[GIVE])
    zmi_properties(page, f"{wf}/states/submitted", "Submitted to the leader", transitions=[ASK])
    for variable, value in (("waiting_for", "role:DeputyLeader"), ("task", "opinion"),
                            ("phase", "in_hand"), ("in_book", "True"),
                            ("counts_overdue", "True")):
        page.goto(f"{wf}/states/{STATE}/manage_variables")
        page.locator("select[name=id]").select_option(variable)
        page.locator("input[name=value]").fill(value)
        page.locator("form[action=addVariable] input[type=submit]").click()
        page.wait_for_load_state()
    people.artifact(page, "zmi-variables")
    people.guide_shot(page, "y-nghia")


def bind_copy_in_a_policy(people):
    page = people.page(SITE_OWNER_NAME)
    page.goto(f"{people.site}/@@workflow-policies-controlpanel")
    page.locator("input[name=policy_id]").fill(POLICY)
    page.locator("select[name=policy_duplicate_id]").select_option(STANDARD)
    page.locator("input[name=add]").click()
    page.wait_for_load_state()
    page.goto(f"{people.site}/@@placeful-workflow-policy-mapping?wfpid={POLICY}")
    page.locator("input[name=title]").fill(POLICY_TITLE)
    page.locator("#select_workflow_IncomingDocument").select_option(COPY)
    people.artifact(page, "policy-mapping")
    people.guide_shot(page, "chinh-sach", "#select_workflow_IncomingDocument")
    page.locator("input[name=submit]").click()
    page.wait_for_load_state()


def switch_on_the_page(people, policy, name, mapping=None, shot=None):
    page = people.page(SITE_OWNER_NAME)
    page.goto(f"{people.site}/sttt/@@workflow-policy?policy={policy}")
    for state, target in (mapping or {}).items():
        page.locator(f"select[name='mapping.{state}:record']").select_option(target)
    people.artifact(page, name)
    if shot:
        people.guide_shot(page, shot, "form.qlvbdh-policy-switch")
    page.locator("form.qlvbdh-policy-switch button[type=submit]").click()
    page.wait_for_load_state()
    return page.content()


def name_the_deputy(people, abbr="sttt"):
    """Site Setup › Users and Groups › the agency's group of deputies:
    search the person, tick him, add him."""
    page = people.go(SITE_OWNER_NAME,
                     f"@@usergroup-groupmembership?groupname={abbr}-deputies")
    page.locator("input[name=searchstring]").fill(DEPUTY)
    page.locator("[name='form.button.Search']").click()
    page.wait_for_load_state()
    page.locator(f"input[name='add:list'][value='{DEPUTY}']").check()
    people.guide_shot(page, "pho-lanh-dao", f"input[name='add:list'][value='{DEPUTY}']")
    page.locator("[name='form.button.Add']").click()
    page.wait_for_load_state()
    return page
