import pytest


@pytest.fixture(scope="session", autouse=True)
def _post_check_loaded():
    """The post check's word lists load once per process (about a second, guard.warm_up): a form that runs the
    check (the register's client-data check) is timed for its own work, not for that loading."""
    from deelwijs.guard import warm_up

    warm_up()
