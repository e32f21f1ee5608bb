"""Agencies, registers and documents: numbering, notation, refusals."""

from domain_fixtures import incoming
from domain_fixtures import issue
from domain_fixtures import make_agency
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from qlvbdh_policy.agencies.abbreviations import DomainAbbrTaken
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.registers.closing import RegisterClosed
from qlvbdh_policy.registers.numbering import last_number
from qlvbdh_policy.registers.registration import find_duplicates
from qlvbdh_policy.timeutil import vietnam_today
from zope.i18n import translate

import datetime
import pytest


@pytest.fixture
def agency(portal):
    return make_agency(portal)


@pytest.fixture
def incoming_register(agency):
    return agency["den-2026"]


@pytest.fixture
def outgoing_register(agency):
    return agency["di-2026"]


class TestAgency:
    def test_id_is_domain_abbreviation(self, agency):
        assert agency.getId() == "sttt"

    def test_domain_abbreviation_unique(self, portal, agency):
        with pytest.raises(DomainAbbrTaken) as e, api.env.adopt_roles(["Manager"]):
            api.content.create(container=portal, type="Agency", id="sttt-2",
                               title="Sở khác", domain_abbr="sttt",
                               notation_abbr="SK", level="so_nganh")
        assert "sttt" in str(e.value)

    def test_register_is_unordered(self, incoming_register):
        assert incoming_register.getOrdering().__class__.__name__ == "UnorderedOrdering"


class TestIncomingNumbering:
    def test_numbers_follow_each_other(self, incoming_register):
        docs = [incoming(incoming_register, code_number=str(i)) for i in range(1, 4)]
        assert [d.arrival_number for d in docs] == [1, 2, 3]
        assert all(d.arrival_date == vietnam_today() for d in docs)

    def test_number_is_catalogued(self, portal, incoming_register):
        doc = incoming(incoming_register)
        brains = api.content.find(UID=doc.UID(), unrestricted=True)
        assert brains[0].arrival_number == 1
        assert brains[0].document_code == "123/QĐ-UBND"

    def test_registers_count_separately(self, portal, agency, incoming_register):
        other = make_agency(portal, abbr="stp", notation="STP", title="Sở Tư pháp")
        incoming(incoming_register)
        assert incoming(other["den-2026"]).arrival_number == 1

    def test_closed_register_refuses(self, incoming_register):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=incoming_register, transition="close")
        with pytest.raises(RegisterClosed) as e:
            incoming(incoming_register)
        assert "đã đóng" in str(e.value)


class TestRefusals:
    @pytest.mark.parametrize("level", ["mat", "toi_mat", "tuyet_mat"])
    def test_secret_documents(self, incoming_register, level):
        with pytest.raises(DocumentRefused) as e:
            incoming(incoming_register, secrecy=level)
        assert e.value.field == "secrecy"
        assert "bí mật nhà nước" in str(e.value)
        assert "Điều 3 khoản 2 điểm a" in str(e.value)

    def test_complaint_letters(self, incoming_register):
        with pytest.raises(DocumentRefused) as e:
            incoming(incoming_register, title="Đơn khiếu nại về bồi thường đất đai")
        assert e.value.field == "title"
        assert "khiếu nại" in str(e.value)

    def test_outgoing_secret(self, outgoing_register):
        with pytest.raises(DocumentRefused):
            outgoing(outgoing_register, secrecy="mat")

    def test_program_file(self, incoming_register):
        exe = pdf(name="van-ban.pdf", data=b"MZ\x90\x00" + b"\x00" * 100)
        with pytest.raises(DocumentRefused) as e:
            incoming(incoming_register, file=exe)
        assert e.value.field == "file"
        assert "chương trình" in str(e.value)

    def test_empty_file(self, incoming_register):
        with pytest.raises(DocumentRefused) as e:
            incoming(incoming_register, file=pdf(data=b""))
        assert "rỗng" in str(e.value)

    def test_size_limit_is_configurable(self, incoming_register):
        api.portal.set_registry_record("qlvbdh.max_upload_mb", 1)
        big = pdf(data=b"%PDF-1.4\n" + b"0" * (1048576 + 10))
        with pytest.raises(DocumentRefused) as e:
            incoming(incoming_register, file=big)
        assert "1 MB" in str(e.value)

    def test_field_constraint_gives_vietnamese_message(self, portal, incoming_register):
        from qlvbdh_policy.content.incoming import IIncomingDocumentSchema
        from zope.schema import ValidationError

        field = IIncomingDocumentSchema["secrecy"].bind(incoming_register)
        with pytest.raises(ValidationError) as e:
            field.validate("toi_mat")
        text = translate(e.value.doc(), target_language="vi")
        assert "Tối mật" in text


class TestOutgoing:
    def test_not_numbered_before_issue(self, outgoing_register):
        doc = outgoing(outgoing_register)
        assert doc.code_number is None
        assert api.content.get_state(doc) == "draft"

    def test_issue_needs_electronic_file(self, outgoing_register):
        doc = outgoing(outgoing_register)
        with pytest.raises(WorkflowException) as e:
            issue(doc)
        assert "Điều 7 khoản 1" in str(e.value)
        assert doc.code_number is None

    def test_administrative_notation(self, outgoing_register):
        doc = issue(outgoing(outgoing_register, file=pdf()))
        assert doc.code == "01/QĐ-STTTT"
        assert doc.issued_date == vietnam_today()
        assert api.content.get_state(doc) == "issued"

    def test_cong_van_agency_then_department(self, agency, outgoing_register):
        issue(outgoing(outgoing_register, file=pdf()))
        doc = outgoing(outgoing_register, doc_type="cong_van", file=pdf(),
                       title="V/v báo cáo tình hình ứng dụng CNTT",
                       drafting_department=agency["vp"].UID())
        assert issue(doc).code == "02/STTTT-VP"

    def test_legal_normative_own_series_with_year(self, portal, outgoing_register):
        issue(outgoing(outgoing_register, file=pdf()))
        doc = issue(outgoing(outgoing_register, doc_type="qppl_quyet_dinh", file=pdf()))
        year = vietnam_today().year
        assert doc.code == f"01/{year}/QĐ-STTTT"
        other = issue(outgoing(outgoing_register, doc_type="qppl_nghi_quyet", file=pdf()))
        assert other.code == f"01/{year}/NQ-STTTT"

    def test_per_type_series(self, outgoing_register):
        outgoing_register.numbering_mode = "per_type"
        issue(outgoing(outgoing_register, file=pdf()))
        tb = issue(outgoing(outgoing_register, doc_type="thong_bao", file=pdf()))
        qd = issue(outgoing(outgoing_register, file=pdf()))
        assert (tb.code, qd.code) == ("01/TB-STTTT", "02/QĐ-STTTT")

    def test_electronic_only_kinds(self, outgoing_register):
        assert outgoing(outgoing_register, doc_type="giay_moi", title="Giấy mời họp").electronic_only
        assert outgoing(outgoing_register, doc_type="bao_cao", title="Báo cáo tuần 47").electronic_only
        assert not outgoing(outgoing_register).electronic_only

    def test_drafts_are_versioned(self, outgoing_register):
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        doc = outgoing(outgoing_register)
        doc.title = "Quyết định về việc cử cán bộ đi học (sửa lần 1)"
        notify(ObjectModifiedEvent(doc))
        history = api.portal.get_tool("portal_repository").getHistoryMetadata(doc)
        assert history.getLength(countPurged=False) >= 2


class TestDuplicates:
    def test_same_document_found(self, incoming_register):
        first = incoming(incoming_register)
        found = find_duplicates(incoming_register, "123", "qđ-ubnd", "UBND tỉnh Tiền Giang",
                                datetime.date(2026, 11, 20))
        assert [b.UID for b in found] == [first.UID()]

    def test_another_day_is_the_same_document(self, incoming_register):
        """NĐ 30/2020 Phụ lục VI III.1.h: number, notation, issuing agency."""
        first = incoming(incoming_register)
        found = find_duplicates(incoming_register, "123", "QĐ-UBND", "UBND tỉnh Tiền Giang",
                                datetime.date(2026, 11, 21))
        assert [b.UID for b in found] == [first.UID()]

    def test_another_year_is_another_document(self, incoming_register):
        """Numbers restart each year (NĐ 30/2020 Điều 15, 22)."""
        incoming(incoming_register)
        assert not find_duplicates(incoming_register, "123", "QĐ-UBND",
                                   "UBND tỉnh Tiền Giang", datetime.date(2025, 11, 20))


def test_failed_registration_leaves_no_gap(functional):
    """A refused registration aborts its transaction: the number is not used."""
    import transaction

    portal = functional["portal"]
    agency = make_agency(portal)
    register = agency["den-2026"]
    incoming(register)
    transaction.commit()
    with pytest.raises(DocumentRefused):
        incoming(register, secrecy="mat", title="Văn bản mật")
    transaction.abort()
    assert last_number(register, "incoming") == 1
    assert len(register.objectIds()) == 1
    assert incoming(register).arrival_number == 2
