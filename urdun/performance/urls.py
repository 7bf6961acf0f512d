urlpatterns: list = []
app_name = "performance"
