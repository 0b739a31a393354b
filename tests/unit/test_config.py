import pytest

from config import Settings, SettingsError


def test_defaults_are_local_sqlite():
    s = Settings.from_env({})
    assert s.local_mode and s.database_url.startswith("sqlite+aiosqlite:///")
    assert (s.host, s.port, s.time_zone, s.default_language) == (
        "127.0.0.1", 3978, "Europe/Stockholm", "sv")


def test_full_env():
    s = Settings.from_env({
        "DATABASE_URL": "postgresql+asyncpg://u@h/db", "MICROSOFT_APP_ID": "id",
        "MICROSOFT_APP_PASSWORD": "pw", "MICROSOFT_APP_TENANT_ID": "t",
        "FOLJA_HOST": "0.0.0.0", "FOLJA_PORT": "8080", "FOLJA_ALLOWED_TENANTS": "a, b",
        "FOLJA_COORDINATORS": "Anna@Stad.se",
    })
    assert not s.local_mode and s.allowed_tenants == ("a", "b") and s.port == 8080
    assert s.coordinators == ("anna@stad.se",)
    assert "pw" not in repr(s)


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"FOLJA_PORT": "abc"}, "FOLJA_PORT"),
        ({"FOLJA_PORT": "70000"}, "FOLJA_PORT"),
        ({"FOLJA_TIME_ZONE": "Mars/Base"}, "FOLJA_TIME_ZONE"),
        ({"FOLJA_LANGUAGE": "de"}, "FOLJA_LANGUAGE"),
        ({"MICROSOFT_APP_ID": "x", "MICROSOFT_APP_TENANT_ID": "t"}, "MICROSOFT_APP_PASSWORD"),
        ({"MICROSOFT_APP_ID": "x", "MICROSOFT_APP_PASSWORD": "p"}, "MICROSOFT_APP_TENANT_ID"),
        ({"FOLJA_HOST": "0.0.0.0"}, "local mode"),
    ],
)
def test_invalid_settings_name_the_variable(env, needle):
    with pytest.raises(SettingsError, match=needle):
        Settings.from_env(env)


def test_with_an_app_id_only_its_own_tenant_is_allowed_by_default():
    env = {"MICROSOFT_APP_ID": "id", "MICROSOFT_APP_PASSWORD": "pw",
           "MICROSOFT_APP_TENANT_ID": "5f1c0a3e-0000-4000-8000-000000000001"}
    assert Settings.from_env(env).allowed_tenants == ("5f1c0a3e-0000-4000-8000-000000000001",)
    explicit = Settings.from_env({**env, "FOLJA_ALLOWED_TENANTS": "a, b"})
    assert explicit.allowed_tenants == ("a", "b")
    assert Settings.from_env({}).allowed_tenants == ()  # local mode: the Playground's tenant


def test_a_multi_tenant_registration_must_name_its_tenants():
    env = {"MICROSOFT_APP_ID": "id", "MICROSOFT_APP_PASSWORD": "pw",
           "MICROSOFT_APP_TENANT_ID": "common"}
    with pytest.raises(SettingsError, match="FOLJA_ALLOWED_TENANTS"):
        Settings.from_env(env)
    assert Settings.from_env({**env, "FOLJA_ALLOWED_TENANTS": "t1"}).allowed_tenants == ("t1",)


def test_service_hosts_extend_the_teams_hosts():
    s = Settings.from_env({"FOLJA_SERVICE_HOSTS": "SMBA.connector.example, x.example"})
    assert s.service_hosts == ("smba.connector.example", "x.example")
    with pytest.raises(SettingsError, match="FOLJA_SERVICE_HOSTS"):
        Settings.from_env({"FOLJA_SERVICE_HOSTS": "https://x.example/path"})
