from django.contrib import admin

from urdun.results.models import Publication, PublicationPolicy


@admin.register(PublicationPolicy)
class PublicationPolicyAdmin(admin.ModelAdmin):
    list_display = ["organization", "named_lists"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["organization", "cycle", "published_at", "publisher_name", "superseded"]
    readonly_fields = [f.name for f in Publication._meta.fields]

    def has_add_permission(self, request):  # published through the app, by the organization head
        return False
