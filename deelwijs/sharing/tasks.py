"""Background jobs for sharing."""

from django_tasks import task

from .clicks import forget_old_salts


@task()
def forget_salts():
    """Run every night: delete the click salts of past days, so yesterday's visitor hashes cannot be linked."""
    forget_old_salts()
