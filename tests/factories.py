"""factory_boy factories for the Django models."""

from __future__ import annotations

import factory

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.channels.enums import ChannelKind, Platform
from someluotsi.channels.models import Channel, ChannelMaintainer

TEST_PASSWORD = "Correct-Horse-Battery-42"


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit-{n}")
    name_fi = factory.LazyAttribute(lambda o: f"Yksikkö {o.code}")
    name_sv = factory.LazyAttribute(lambda o: f"Enhet {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Unit {o.code}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs: object) -> None:
        if create:
            self.save()
        for role in extracted or ():
            RoleAssignment.objects.create(user=self, role=role)


class ChannelFactory(factory.django.DjangoModelFactory[Channel]):
    class Meta:
        model = Channel

    platform = Platform.FACEBOOK
    name = factory.Sequence(lambda n: f"Kanava {n}")
    unit = factory.SubFactory(UnitFactory)
    kind = ChannelKind.UNIT


def add_maintainer(channel: Channel, user: User) -> ChannelMaintainer:
    return ChannelMaintainer.objects.create(channel=channel, user=user)
