from django import forms
from django.utils.translation import gettext_lazy as _

from coso.core.forms import DateInput


class FollowupForm(forms.Form):
    """What becomes of a warning: the work to do, who does it, by when."""

    text = forms.CharField(
        label=_("Việc cần làm"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_name = forms.CharField(label=_("Người, bộ phận chịu trách nhiệm"), max_length=150)
    due_on = forms.DateField(label=_("Hạn thực hiện"), widget=DateInput)
