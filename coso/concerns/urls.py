from django.urls import path  # noqa: F401

app_name = "concerns"
urlpatterns: list = [
    # The topic catalogue (topics.manage).
    # Classifying a record's topics (concerns.write).
    # The concerns view and its drill-down.
    # Hotspots.
]
