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
