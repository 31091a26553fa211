from django.urls import path

from coso.calendars import views

app_name = "calendars"
urlpatterns = [
    path("units/<str:code>/calendar.ics", views.unit_feed, name="unit"),
    path("lich/<str:secret>.ics", views.private_feed, name="private"),
    path("accounts/calendar/", views.private_manage, name="manage"),
]
