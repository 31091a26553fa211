from django.urls import path  # noqa: F401

from coso.concerns.views import classify

app_name = "concerns"
urlpatterns: list = [
    # The topic catalogue (topics.manage).
    # Classifying a record's topics (concerns.write).
    path("app/concerns/<int:pk>/topics/", classify.classify, name="classify"),
    # The concerns view and its drill-down.
    # Hotspots.
]
