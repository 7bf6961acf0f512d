from django.contrib.auth import views as auth_views
from django.urls import path

from urdun.organizations import forms, views

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=forms.LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=forms.PasswordChangeForm),
        name="password_change",
    ),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "accounts/reset/",
        auth_views.PasswordResetView.as_view(form_class=forms.PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("account/", views.account, name="account"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<int:pk>/delete/", views.token_delete, name="token_delete"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<slug:code>/", views.organization_detail, name="organization_detail"),
    path("organizations/<slug:code>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<slug:code>/units/new/", views.unit_edit, name="unit_create"),
    path("organizations/<slug:code>/units/<int:pk>/", views.unit_edit, name="unit_edit"),
    path("organizations/<slug:code>/employees/new/", views.employee_edit, name="employee_create"),
    path("organizations/<slug:code>/employees/<int:pk>/", views.employee_edit, name="employee_edit"),
    path("organizations/<slug:code>/roles/new/", views.role_create, name="role_create"),
    path("organizations/<slug:code>/roles/<int:pk>/delete/", views.role_delete, name="role_delete"),
]
