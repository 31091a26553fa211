from django.urls import path

from coso.concerns.views import topics

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
    # The concerns view and its drill-down.
    # Hotspots.
]
