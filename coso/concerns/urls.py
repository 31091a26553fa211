from django.urls import path

from coso.concerns.views import hotspots

from coso.concerns.views import classify

app_name = "concerns"
urlpatterns: list = [
    # The topic catalogue (topics.manage).
    # Classifying a record's topics (concerns.write).
    path("app/concerns/<int:pk>/topics/", classify.classify, name="classify"),
    # The concerns view and its drill-down.
    # Hotspots.
    path("app/units/<str:code>/hotspots/", hotspots.hotspot_list, name="hotspots"),
    path("app/hotspots/<int:pk>/", hotspots.hotspot_detail, name="hotspot"),
    path("app/hotspots/<int:pk>/assign/", hotspots.hotspot_assign, name="hotspot_assign"),
    path("app/hotspots/<int:pk>/close/", hotspots.hotspot_close, name="hotspot_close"),
]
