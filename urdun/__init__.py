"""Urdun: results-based planning, monitoring and performance evaluation."""

# The Celery app is loaded with Django so that tasks bind to it when a broker is configured.
from urdun.celery import app as celery_app

__all__ = ["celery_app"]
