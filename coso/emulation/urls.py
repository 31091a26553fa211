from django.urls import path

from coso.emulation.views import public, runs, sets

app_name = "emulation"
urlpatterns = [
    path("units/<str:code>/emulation/", public.public_unit, name="public_unit"),
    path("emulation/runs/<int:pk>/", public.public_run, name="public_run"),
    path("app/units/<str:code>/emulation/", sets.overview, name="overview"),
    path("app/units/<str:code>/emulation/sets/new/", sets.set_new, name="set_new"),
    path("app/units/<str:code>/emulation/runs/new/", runs.run_new, name="run_new"),
    path("app/emulation/sets/<int:pk>/", sets.set_detail, name="set"),
    path("app/emulation/sets/<int:pk>/weight/", sets.set_weight, name="set_weight"),
    path("app/emulation/sets/<int:pk>/criteria/", sets.set_criterion, name="set_criterion"),
    path("app/emulation/sets/<int:pk>/grades/", sets.set_grades, name="set_grades"),
    path("app/emulation/runs/<int:pk>/", runs.run_detail, name="run"),
    path("app/emulation/runs/<int:pk>/compute/", runs.run_compute, name="run_compute"),
    path("app/emulation/runs/<int:pk>/publish/", runs.run_publish, name="run_publish"),
    path("app/emulation/runs/<int:pk>/finalise/", runs.run_finalise, name="run_finalise"),
    path("app/emulation/runs/<int:pk>/docx/", runs.run_docx, name="run_docx"),
    path("app/emulation/runs/<int:pk>/xlsx/", runs.run_xlsx, name="run_xlsx"),
    path("app/emulation/results/<int:pk>/", runs.result_detail, name="result"),
    path("app/emulation/lines/<int:pk>/evidence/", runs.evidence, name="evidence"),
    path("app/emulation/lines/<int:pk>/score/", runs.line_score, name="score"),
    path("app/emulation/lines/<int:pk>/object/", runs.line_object, name="object"),
    path("app/emulation/objections/<int:pk>/answer/", runs.objection_answer, name="answer"),
]
