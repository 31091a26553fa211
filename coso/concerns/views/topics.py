"""The topic catalogue's pages, for the administrator (`topics.manage`, nationwide: the
catalogue belongs to no unit): the list (two levels, retired ones marked, search), a
new topic, a topic's changes and retirement, its revisions, and a box to try the
matching rules on a text."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coso.concerns import topics
from coso.concerns.forms import RetireForm, TopicForm, TryForm
from coso.core.pagination import int_key
from coso.core.permissions import can_nationwide, requires
from coso.core.views import attempt, attempt_form, requires_post

ACTION = "topics.manage"


def _nationwide(request: HttpRequest) -> None:
    """The catalogue is the nation's: an administrator bound to one unit may not."""
    if not can_nationwide(request.user, ACTION):
        raise PermissionDenied


@requires(ACTION)
def topic_list(request: HttpRequest) -> HttpResponse:
    _nationwide(request)
    query = request.GET.get("q", "")[:100]
    page = topics.topic_groups(
        query=query, after=request.GET.get("after", "")[:40], size=settings.PAGE_SIZE
    )
    return render(
        request,
        "concerns/topics_list.html",
        {"page": page, "q": query, "try_form": TryForm(), "revision": topics.revision()},
    )


@requires(ACTION)
def topic_new(request: HttpRequest) -> HttpResponse:
    _nationwide(request)
    form = TopicForm(request.POST or None, new=True)
    create = lambda d: topics.topic_create(  # noqa: E731
        actor=request.user, code=d["code"], data=form.data_of()
    )
    if done := attempt_form(form, create):
        messages.success(request, _("Đã thêm chủ đề %(code)s.") % {"code": done.result.code})
        return redirect("concerns:topics")
    return render(request, "concerns/topics_form.html", {"form": form, "topic": None})


@requires(ACTION)
def topic_edit(request: HttpRequest, code: str) -> HttpResponse:
    _nationwide(request)
    topic = topics.topic_get(code=code)
    initial = {
        "label": topic.label,
        "label_en": topic.label_en,
        "keywords": "\n".join(topic.keywords),
        "order": topic.order,
        "version": topic.version,
    }
    form = TopicForm(request.POST or None, new=False, initial=initial)
    change = lambda d: topics.topic_change(  # noqa: E731
        actor=request.user, code=topic.code, data=form.data_of(), version=d["version"]
    )
    if attempt_form(form, change, aliases={"code": ""}):
        messages.success(request, _("Đã lưu chủ đề %(code)s.") % {"code": topic.code})
        return redirect("concerns:topics")
    context = {"form": form, "topic": topic, "retire_form": RetireForm()}
    return render(request, "concerns/topics_form.html", context)


@requires_post(ACTION)
def topic_retire(request: HttpRequest, code: str) -> HttpResponse:
    _nationwide(request)
    topic = topics.topic_get(code=code)
    form = RetireForm(request.POST)
    note = form.cleaned_data["reason"] if form.is_valid() else ""
    if attempt(
        request, lambda: topics.topic_retire(actor=request.user, code=topic.code, note=note)
    ):
        messages.success(request, _("Đã ngừng dùng chủ đề %(code)s.") % {"code": topic.code})
    return redirect("concerns:topics")


@requires(ACTION)
def topic_revisions(request: HttpRequest, code: str) -> HttpResponse:
    _nationwide(request)
    topic = topics.topic_get(code=code)
    page = topics.revisions(
        topic=topic, after=int_key(request.GET.get("after")), size=settings.PAGE_SIZE
    )
    return render(request, "concerns/topics_revisions.html", {"topic": topic, "page": page})


@requires(ACTION)
def topic_try(request: HttpRequest) -> HttpResponse:
    """The matching rules tried on a text (POST, so a resident's words stay out of the
    logs' URLs); an HTMX call gets the result alone."""
    _nationwide(request)
    form = TryForm(request.POST or None)
    found = None
    if form.is_valid():
        codes, revision = topics.suggest(form.cleaned_data["text"])
        found = {"codes": codes, "revision": revision}
    partial = request.headers.get("HX-Request") and request.method == "POST"
    template = "concerns/topics__suggested.html" if partial else "concerns/topics_try.html"
    return render(request, template, {"try_form": form, "found": found})
