"""Celery app. Used only when CELERY_BROKER_URL is set; otherwise tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urdun.settings")
app = Celery("urdun")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
