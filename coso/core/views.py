"""What every app's views share when they hand a write to a service: the service's
refusal (a `DomainError`) shown once, in one of two ways.

- A page with a form (`attempt_form`): the refusal goes on the form, next to the field it
  names, and the view shows the form again.
- A button (`attempt`): the refusal becomes an error message above the page the view
  redirects to.

Both return `Done` (truthy, holding what the service returned) when the write went
through, else None; the view then says what it did and where to go — the flow stays in
the view, plain to read:

    form = ProgrammeForm(request.POST or None)
    if done := attempt_form(form, lambda d: services.programme_create(...)):
        return redirect("support:detail", pk=done.result.pk)
    return unit_form_page(request, "support/new.html", unit, form)

`pick` hands a service the inputs it takes under the form's own names; `requires_post`
declares a button's view (the action it needs, and POST only); `file_response` sends a
stored file.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_POST

from coso.core.errors import DomainError
from coso.core.forms import add_domain_error
from coso.core.permissions import requires

T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """A write that went through, with what the service returned."""

    result: T


def attempt_form(
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    *,
    aliases: dict[str, str] | None = None,
) -> Done[T] | None:
    """When `form` is valid, run `action` on its cleaned data. A refusal goes on the
    form (on the field it names, through `aliases` where the form calls the input
    otherwise). None also for input the form refused, or no input: a form built on a
    GET (`Form(request.POST or None)`) is unbound, and an unbound form is never valid."""
    if not form.is_valid():
        return None
    try:
        return Done(action(form.cleaned_data))
    except DomainError as error:
        add_domain_error(form, error, aliases=aliases)
        return None


def attempt(request: HttpRequest, action: Callable[[], T]) -> Done[T] | None:
    """Run `action` (a button's write); a refusal becomes an error message."""
    try:
        return Done(action())
    except DomainError as error:
        messages.error(request, error.message)
        return None


def pick(data: Mapping[str, Any], names: str) -> dict[str, Any]:
    """The values of `names` (separated by spaces, as for a namedtuple) in a form's
    cleaned `data`, for a service that takes them under the same names:
    `services.item_add(..., **pick(d, "text topic"))`."""
    return {name: data[name] for name in names.split()}


def requires_post(action: str) -> Callable[[Callable[..., Any]], Any]:
    """`requires(action)` for a view that only writes: any other method than POST gets
    405 (after the sign-in and the action are checked, as `requires` alone does)."""
    declare = requires(action)

    def decorate(view: Callable[..., Any]) -> Any:
        return declare(require_POST(view))

    return decorate


def file_response(stored: Any) -> FileResponse:
    """A stored file (a record with its `file`, `name` and `content_type`), sent to be
    opened in the browser under its own name."""
    return FileResponse(
        stored.file.open("rb"), filename=stored.name, content_type=stored.content_type
    )
