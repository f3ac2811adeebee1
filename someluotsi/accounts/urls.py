from django.urls import path

from someluotsi.accounts import passwords, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("password/reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        passwords.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("people/", views.people, name="people"),
    path("people/<id:person_id>/", views.person_detail, name="person_detail"),
]
