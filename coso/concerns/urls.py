from django.urls import path

from coso.concerns.views import classify, concerns, hotspots

app_name = "concerns"
urlpatterns: list = [
    # The topic catalogue (topics.manage).
    # Classifying a record's topics (concerns.write).
    path("app/concerns/<int:pk>/topics/", classify.classify, name="classify"),
    # The concerns view and its drill-down.
    path("app/concerns/", concerns.unit_view, name="national_view"),
    path("app/concerns/<str:topic>/", concerns.topic_view, name="national_topic"),
    path("app/units/<str:code>/concerns/", concerns.unit_view, name="unit_view"),
    path("app/units/<str:code>/concerns/<str:topic>/", concerns.topic_view, name="topic"),
    path("app/units/<str:code>/concerns/<str:topic>/records/", concerns.records, name="records"),
    # Hotspots.
    path("app/units/<str:code>/hotspots/", hotspots.hotspot_list, name="hotspots"),
    path("app/hotspots/<int:pk>/", hotspots.hotspot_detail, name="hotspot"),
    path("app/hotspots/<int:pk>/assign/", hotspots.hotspot_assign, name="hotspot_assign"),
    path("app/hotspots/<int:pk>/close/", hotspots.hotspot_close, name="hotspot_close"),
]
