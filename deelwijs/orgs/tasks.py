from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(to, subject, body):
    """Send one e-mail from the worker, so a slow mail server never slows a page."""
    send_mail(subject, body, None, [to])
