from django.urls import path

from coso.concerns.views import concerns

app_name = "concerns"
urlpatterns: list = [
    # The topic catalogue (topics.manage).
    # Classifying a record's topics (concerns.write).
    # The concerns view and its drill-down.
    path("app/concerns/", concerns.unit_view, name="national_view"),
    path("app/concerns/<str:topic>/", concerns.topic_view, name="national_topic"),
    path("app/units/<str:code>/concerns/", concerns.unit_view, name="unit_view"),
    path("app/units/<str:code>/concerns/<str:topic>/", concerns.topic_view, name="topic"),
    path("app/units/<str:code>/concerns/<str:topic>/records/", concerns.records, name="records"),
    # Hotspots.
]
