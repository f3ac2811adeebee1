"""The auditor's trail: sentences in the reader's language, filters, the audited CSV export,
and the data-subject reports of a staff member and of a citizen."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.services import role_assign
from someluotsi.audit.models import AuditEvent, AuditSubject
from someluotsi.audit.selectors import AuditFilter, audit_event_list
from someluotsi.audit.sentences import describe_events
from someluotsi.audit.services import audit_record
from someluotsi.inbox.escalations import message_escalate
from someluotsi.inbox.retention import inbox_purge_expired
from someluotsi.inbox.services import message_view_record, messages_list_record
from tests.audit.conftest import World

pytestmark = pytest.mark.django_db


def _auditor(make_user: Callable[..., User]) -> Client:
    client = Client()
    client.force_login(make_user(Role.AUDITOR))
    return client


def _csv(response: object) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(body), delimiter=";"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Maija Mäkelä luki viestin {id} kanavalla Kirjasto (Facebook)."),
        ("sv", "Maija Mäkelä läste meddelande {id} i kanalen Kirjasto (Facebook)."),
        ("en", "Maija Mäkelä read message {id} on Kirjasto (Facebook)."),
    ],
)
def test_a_reading_reads_as_a_sentence_in_the_readers_language(
    world: World, make_user: Callable[..., User], language: str, expected: str
) -> None:
    reader = make_user(Role.MAVI, first_name="Maija", last_name="Mäkelä")
    message = world.ingest("Milloin kirjasto aukeaa?")
    message_view_record(actor=reader, message=message)
    event = AuditEvent.objects.get(action="message.viewed")
    with translation.override(language):
        [line] = describe_events([event])
    assert line.sentence == expected.format(id=message.pk)
    assert line.personal_data


def test_sentences_name_people_from_the_data_and_survive_a_deleted_object(
    world: World, make_user: Callable[..., User]
) -> None:
    message = world.ingest("Tapan sinut huomenna kirjaston edessä.", auto_escalate=False)
    message_escalate(actor=world.updater, message=message)
    created = AuditEvent.objects.get(action="escalation.created")
    old = audit_record(
        actor=None,
        action="channel.maintainer_removed",
        data={"user": world.backup.pk},
    )
    orphan = AuditEvent.objects.create(
        action="message.viewed", target_type="inbox.message", target_id="999999",
        target_label="facebook:gone",
    )  # fmt: skip
    with translation.override("fi"):
        lines = {line.event.pk: line.sentence for line in describe_events([created, old, orphan])}
    assert world.supervisor.get_full_name() in lines[created.pk]
    assert world.safety.get_full_name() in lines[created.pk]
    assert world.backup.get_full_name() in lines[old.pk]
    assert "facebook:gone" in lines[orphan.pk]
    assert "%(" not in "".join(lines.values())


def test_a_page_of_events_is_worded_with_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Callable[..., object]
) -> None:
    for index in range(30):
        message = world.ingest(f"Kysymys {index}?")
        message_view_record(actor=world.updater, message=message)
        messages_list_record(actor=world.mavi, message_ids=[message.pk])
    events = list(AuditEvent.objects.all())
    with django_assert_max_num_queries(12), translation.override("sv"):  # type: ignore[attr-defined]
        describe_events(events)


def test_person_filter_finds_them_as_actor_and_as_subject(
    world: World, make_user: Callable[..., User]
) -> None:
    auditor = make_user(Role.AUDITOR)
    target = make_user(first_name="Kerttu", last_name="Salo")
    role_assign(actor=world.mavi, user=target, role=Role.UPDATER)
    message = world.ingest("Hei?")
    message_view_record(actor=target, message=message)
    audit_record(actor=world.mavi, action="channel.maintainer_added", data={"user": target.pk})
    found = audit_event_list(user=auditor, filters=AuditFilter(person="kerttu salo"))
    assert sorted(e.action for e in found) == [
        "channel.maintainer_added",
        "message.viewed",
        "role.assigned",
    ]


def test_object_filter_finds_a_message_read_on_a_page_of_the_queue(
    world: World, make_user: Callable[..., User]
) -> None:
    auditor = make_user(Role.AUDITOR)
    first, second = world.ingest("Yksi?"), world.ingest("Kaksi?")
    messages_list_record(actor=world.updater, message_ids=[first.pk, second.pk])
    message_view_record(actor=world.backup, message=second)
    about_second = audit_event_list(
        user=auditor,
        filters=AuditFilter(target_type="inbox.message", target_id=str(second.pk)),
    )
    assert sorted(e.action for e in about_second) == ["message.viewed", "messages.listed"]
    about_first = audit_event_list(
        user=auditor,
        filters=AuditFilter(target_type="inbox.message", target_id=str(first.pk)),
    )
    assert [e.action for e in about_first] == ["messages.listed"]


def test_action_picker_and_date_range(make_user: Callable[..., User]) -> None:
    client = _auditor(make_user)
    with time_machine.travel(timezone.now() - timedelta(days=10), tick=False):
        audit_record(actor=None, action="demo.loaded")
    audit_record(actor=None, action="demo.loaded")
    audit_record(actor=None, action="messages.purged", data={"messages": 3})
    today = timezone.localdate()
    page = client.get(
        reverse("audit:list"),
        {"action": "demo.loaded", "since": (today - timedelta(days=1)).isoformat()},
    )
    assert page.context["page"].paginator.count == 1
    html = page.content.decode()
    assert '<option value="demo.loaded" selected>' in html
    assert "<optgroup" in html
    wrong = client.get(
        reverse("audit:list"),
        {"since": today.isoformat(), "until": (today - timedelta(days=3)).isoformat()},
    )
    assert wrong.status_code == 200
    assert wrong.context["form"].errors


def test_export_is_formula_safe_worded_and_itself_audited(
    world: World, make_user: Callable[..., User]
) -> None:
    client = _auditor(make_user)
    villain = make_user(Role.UPDATER, first_name="＝HYPERLINK(1)", last_name="x")
    message = world.ingest("Hei?")
    message_view_record(actor=villain, message=message)
    audit_record(actor=None, action="role.assigned", target=villain, data={"role": "=1+1"})
    client.cookies.load({"someluotsi_language": "sv"})
    response = client.get(reverse("audit:export"), {"person": "HYPERLINK"})
    rows = _csv(response)
    assert rows[0][:4] == ["Tid", "Person", "Åtgärd", "Händelse"]
    assert len(rows) == 3
    for row in rows[1:]:
        for cell in row:
            assert cell.lstrip(" ")[:1] not in {"=", "+", "-", "@", "＝", "＋", "－", "＠"}
    assert any("läste meddelande" in row[3] for row in rows)
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.data["rows"] == 2
    assert AuditSubject.objects.filter(
        event=exported, subject_type="accounts.user", subject_id=str(villain.pk)
    ).exists()


def test_the_trail_and_its_exports_are_for_auditors_only(
    client_for: Callable[..., Client],
) -> None:
    for role in (Role.MAVI, Role.SUPERVISOR, Role.UPDATER):
        client = client_for(role)
        for name in ("audit:list", "audit:export", "audit:author"):
            assert client.get(reverse(name)).status_code == 403


def test_person_report_lists_holdings_and_events_and_is_audited(
    world: World, make_user: Callable[..., User]
) -> None:
    client = _auditor(make_user)
    message = world.ingest("Tapan sinut.", auto_escalate=False)
    message_escalate(actor=world.updater, message=message)
    message_view_record(actor=world.supervisor, message=message)
    response = client.get(reverse("audit:person", args=[world.supervisor.pk]))
    assert response.status_code == 200
    actions = {line.event.action for line in response.context["lines"]}
    assert {"escalation.created", "message.viewed", "audit.person_report_viewed"} <= actions
    labels = " ".join(h.label for h in response.context["holdings"])
    assert "addressee" in labels.lower() or "vastaanottaja" in labels.lower()
    viewed = AuditEvent.objects.get(action="audit.person_report_viewed")
    assert viewed.target_id == str(world.supervisor.pk)
    rows = _csv(client.get(reverse("audit:person_export", args=[world.supervisor.pk])))
    assert len(rows) >= 4


def test_citizen_report_finds_their_messages_and_who_read_them(
    world: World, make_user: Callable[..., User]
) -> None:
    client = _auditor(make_user)
    message = world.ingest("Miksi uimahalli on kiinni?")
    messages_list_record(actor=world.updater, message_ids=[message.pk])
    message_view_record(actor=world.backup, message=message)
    response = client.post(reverse("audit:author"), {"platform": "facebook", "author": "asukas"})
    assert response.status_code == 200
    assert len(response.context["records"]) == 1
    readers = {line.event.actor_id for line in response.context["lines"]}
    assert {world.updater.pk, world.backup.pk} <= readers
    searched = AuditEvent.objects.get(action="audit.author_searched")
    assert searched.data["found"] == 1
    assert searched.data["author"] == "asukas"
    other = client.post(reverse("audit:author"), {"platform": "instagram", "author": "asukas"})
    assert other.context["records"] == []


def test_after_retention_nothing_links_a_message_to_its_author(
    world: World, make_user: Callable[..., User]
) -> None:
    client = _auditor(make_user)
    world.ingest("Vanha viesti?")
    inbox_purge_expired(days=1, now=timezone.now() + timedelta(days=3650))
    response = client.post(reverse("audit:author"), {"platform": "facebook", "author": "@asukas"})
    assert response.context["records"] == []
    assert "Nothing" in response.content.decode() or "Ei mitään" in response.content.decode()


# --- The citizen's search is posted: the author never goes into an address ------------------


def test_a_get_with_an_author_in_the_address_searches_nothing(
    world: World, make_user: Callable[..., User]
) -> None:
    """An old bookmark (`?platform=facebook&author=...`) shows the empty form and says why:
    nothing is searched or recorded, and the form is not filled from the address."""
    client = _auditor(make_user)
    world.ingest("Miksi uimahalli on kiinni?")
    for name in ("audit:author", "audit:author_export"):
        response = client.get(reverse(name), {"platform": "facebook", "author": "raivo1977"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert response.context["searched"] is False
        assert "records" not in response.context
        page = response.content.decode()
        assert 'id="from-address"' in page
        assert 'value="raivo1977"' not in page  # the form is not filled from the address
    assert not AuditEvent.objects.filter(
        action__in=["audit.author_searched", "audit.exported"]
    ).exists()
    plain = client.get(reverse("audit:author"))
    assert plain.status_code == 200
    assert 'id="from-address"' not in plain.content.decode()


def test_the_citizen_search_form_posts_with_csrf_and_puts_no_author_in_an_address(
    world: World, make_user: Callable[..., User]
) -> None:
    """The search, its CSV and its pages are forms posted with a CSRF token; no link on the
    results carries the author. The trail's own page posts its citizen form too."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.AUDITOR))
    world.ingest("Miksi uimahalli on kiinni?")
    start = client.get(reverse("audit:author")).content.decode()
    assert f'<form method="post" action="{reverse("audit:author")}"' in start
    assert 'name="csrfmiddlewaretoken"' in start
    trail = client.get(reverse("audit:list")).content.decode()
    assert f'<form method="post" action="{reverse("audit:author")}"' in trail
    # Without the token the search is refused (CSRF).
    refused = client.post(reverse("audit:author"), {"platform": "facebook", "author": "asukas"})
    assert refused.status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("audit:author"),
        {"platform": "facebook", "author": "asukas", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<form method="post" action="{reverse("audit:author_export")}"' in page
    assert "author=" not in page  # no link or address carries the author
    # The results are focused when the page loads (a screen reader starts there).
    assert 'id="results-h" tabindex="-1" autofocus' in page


def test_the_citizen_reports_pages_are_posted_and_only_the_first_is_recorded(
    world: World, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from someluotsi.audit import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client = _auditor(make_user)
    message = world.ingest("Miksi uimahalli on kiinni?")
    message_view_record(actor=world.updater, message=message)
    message_view_record(actor=world.backup, message=message)
    search = {"platform": "facebook", "author": "asukas"}
    first = client.post(reverse("audit:author"), search)
    assert first.context["page"].paginator.num_pages >= 2
    page = first.content.decode()
    assert '<button type="submit" class="secondary" name="page" value="2">' in page
    second = client.post(reverse("audit:author"), {**search, "page": "2"})
    assert second.status_code == 200
    assert second.context["page"].number == 2
    assert 'id="events-h" tabindex="-1" autofocus' in second.content.decode()
    assert AuditEvent.objects.filter(action="audit.author_searched").count() == 1


def test_the_citizen_reports_csv_is_posted_and_audited(
    world: World, make_user: Callable[..., User]
) -> None:
    client = _auditor(make_user)
    message = world.ingest("Miksi uimahalli on kiinni?")
    message_view_record(actor=world.backup, message=message)
    response = client.post(
        reverse("audit:author_export"), {"platform": "facebook", "author": "asukas"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert len(rows) >= 2  # the header and the reading
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.data["author"] == "asukas"
    invalid = client.post(reverse("audit:author_export"), {"platform": "facebook"})
    assert invalid.status_code == 200
    assert invalid["Content-Type"].startswith("text/html")
    assert AuditEvent.objects.filter(action="audit.exported").count() == 1


@pytest.mark.parametrize(
    ("language", "heading", "button", "notice"),
    [
        ("fi", "Mitä palveluun on tallennettu", "Lataa nämä", "Mitään ei haettu"),
        ("sv", "Vad som finns sparat i tjänsten", "Ladda ner dessa", "Ingenting söktes"),
        ("en", "What the product holds", "Download these events as CSV", "Nothing was searched"),
    ],
)
def test_the_citizen_search_reads_in_the_auditors_language(
    world: World,
    make_user: Callable[..., User],
    language: str,
    heading: str,
    button: str,
    notice: str,
) -> None:
    client = Client()
    client.force_login(make_user(Role.AUDITOR, preferred_language=language))
    world.ingest("Miksi uimahalli on kiinni?")
    moved = client.get(reverse("audit:author"), {"author": "asukas"}).content.decode()
    assert notice in moved
    page = client.post(
        reverse("audit:author"), {"platform": "facebook", "author": "asukas"}
    ).content.decode()
    assert f'<html lang="{language}"' in page
    assert heading in page
    assert button in page
