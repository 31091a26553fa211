from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import LongTextField
from coso.ratings.scale import Scale


class RatingForm(forms.Form):
    """A point on the scale for each criterion of the version in force, and a comment.
    The case travels with it: its code, or (a signed-in household) its key."""

    code = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    case = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    comment = LongTextField(
        label=_("Ý kiến thêm (không bắt buộc; xin đừng ghi họ tên, số điện thoại)"),
        required=False,
        rows=3,
    )

    def __init__(self, *args: Any, scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale = scale
        comment = self.fields.pop("comment")
        for key, label in scale.criteria:
            self.fields[f"score_{key}"] = forms.TypedChoiceField(
                label=label,
                choices=[(n, f"{n} · {text}") for n, text in scale.points],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={"required": _("Hãy chọn một mức.")},
            )
        self.fields["comment"] = comment

    def scores(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"score_{key}"] for key, _label in self.scale.criteria}
