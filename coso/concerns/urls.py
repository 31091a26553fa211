from django.urls import path

from coso.concerns.views import classify, concerns, hotspots, topics

app_name = "concerns"
urlpatterns: list = [
    # The topic catalogue (topics.manage).
    path("app/topics/", topics.topic_list, name="topics"),
    path("app/topics/new/", topics.topic_new, name="topic_new"),
    path("app/topics/try/", topics.topic_try, name="topic_try"),
    path("app/topics/<str:code>/edit/", topics.topic_edit, name="topic_edit"),
    path("app/topics/<str:code>/retire/", topics.topic_retire, name="topic_retire"),
    path("app/topics/<str:code>/revisions/", topics.topic_revisions, name="topic_revisions"),
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
