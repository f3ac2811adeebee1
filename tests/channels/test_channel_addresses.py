"""A channel's address is on its platform's own domains: the register never links out to a
site somebody typed in (found by a fresh tester: a Facebook channel at https://evil.example/
was saved from the form and through the API). The service checks it, so the form, the API and
editing share one rule and one translated message."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from someluotsi.channels.addresses import channel_url_clean
from someluotsi.channels.models import Channel
from someluotsi.channels.services import channel_update
from someluotsi.core.errors import ApplicationError
from tests.channels.conftest import City


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("facebook", "https://www.facebook.com/kokkola"),
        ("facebook", "https://fb.com/kokkola"),
        ("instagram", "https://www.instagram.com/kokkola/"),
        ("youtube", "https://youtu.be/abc"),
        ("youtube", "https://m.youtube.com/@kokkola"),
        ("linkedin", "https://www.linkedin.com/company/kokkola"),
        ("x", "https://x.com/kokkola"),
        ("x", "https://twitter.com/kokkola"),
        ("tiktok", "https://www.tiktok.com/@kokkola"),
        ("whatsapp", "https://whatsapp.com/channel/abc"),
        ("discord", "https://discord.gg/abc"),
        ("snapchat", "https://www.snapchat.com/add/kokkola"),
        ("other", "https://www.kokkola.fi/"),
        ("other", "http://old.example/"),
        ("facebook", ""),
    ],
)
def test_an_address_on_the_platforms_own_domains_is_kept(platform: str, url: str) -> None:
    assert channel_url_clean(url, platform) == url


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("facebook", "https://evil.example/"),
        ("facebook", "https://facebook.com.evil.example/"),
        ("facebook", "https://evil.example/?facebook.com"),
        ("facebook", "https://user@evil.example@facebook.com/"),
        ("facebook", "https://user@facebook.com/"),
        ("facebook", "https://notfacebook.com/"),
        ("facebook", "https://facebook.com:8443/"),
        ("facebook", "http://www.facebook.com/kokkola"),
        ("instagram", "https://www.facebook.com/kokkola"),
        ("x", "https://x.com.evil.example/"),
        ("youtube", "javascript:alert(1)//youtube.com"),
        ("youtube", "https://[::1/"),
        ("other", "javascript:alert(1)"),
        ("other", "ftp://files.example/"),
        ("other", "https://"),
    ],
)
def test_an_address_off_the_platforms_domains_is_refused(platform: str, url: str) -> None:
    with pytest.raises(ApplicationError) as exc:
        channel_url_clean(url, platform)
    assert exc.value.code == "bad_url"


def _web(city: City, language: str) -> Client:
    client = Client()
    client.force_login(city.mavi)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", "Facebook-kanavan osoitteen"),
        ("sv", "En Facebook-kanals adress"),
        ("en", "address must be on facebook.com"),
    ],
)
def test_the_register_form_refuses_another_sites_address(
    city: City, language: str, words: str
) -> None:
    data = {
        "platform": "facebook",
        "name": "Kirjasto Facebook",
        "url": "https://evil.example/",
        "unit": city.unit.pk,
        "kind": "unit",
        "translations": "none",
    }
    response = _web(city, language).post("/channels/register/", data)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Channel.objects.filter(name="Kirjasto Facebook").exists()


@pytest.mark.django_db
def test_the_api_refuses_another_sites_address(city: City) -> None:
    client = APIClient()
    client.force_authenticate(city.mavi)
    body = {
        "platform": "facebook",
        "name": "Kirjasto Facebook",
        "url": "https://evil.example/",
        "unit": city.unit.code,
        "kind": "unit",
    }
    response = client.post("/api/v1/channels", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_url"
    assert not Channel.objects.filter(name="Kirjasto Facebook").exists()
    good = {**body, "url": "https://www.facebook.com/kirjasto"}
    assert client.post("/api/v1/channels", good, format="json").status_code == 201


@pytest.mark.django_db
def test_editing_keeps_the_address_on_the_channels_platform(city: City) -> None:
    with pytest.raises(ApplicationError) as exc:
        channel_update(
            actor=city.mavi, channel=city.library_ig, data={"url": "https://evil.example/"}
        )
    assert exc.value.code == "bad_url"
    channel_update(
        actor=city.mavi, channel=city.library_ig, data={"url": "https://instagram.com/kirjasto"}
    )
    city.library_ig.refresh_from_db()
    assert city.library_ig.url == "https://instagram.com/kirjasto"


@pytest.mark.django_db
def test_an_address_saved_before_the_check_does_not_block_other_edits(city: City) -> None:
    Channel.objects.filter(pk=city.library_ig.pk).update(url="https://old.example/kirjasto")
    city.library_ig.refresh_from_db()
    channel_update(
        actor=city.mavi,
        channel=city.library_ig,
        data={"url": "https://old.example/kirjasto", "goals": "More readers"},
    )
    city.library_ig.refresh_from_db()
    assert city.library_ig.goals == "More readers"
    with pytest.raises(ApplicationError):
        channel_update(
            actor=city.mavi, channel=city.library_ig, data={"url": "https://other.example/"}
        )
