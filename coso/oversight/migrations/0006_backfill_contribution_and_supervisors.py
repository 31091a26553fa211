"""Existing projects get their contribution and their supervision board as rows.

The contribution is read back from what the rows say: the amount most households were
asked for, if dues were recorded; otherwise a percentage written in the sources
("Nhân dân đóng góp 30%"); otherwise it stays empty and the project's page says so.
The board, one name a line, becomes one member a line, each a plain member (the head
and deputies are assigned afterwards)."""

import re
from collections import Counter
from decimal import Decimal

from django.db import migrations

PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%")


def _share(sources: str) -> Decimal | None:
    found = PERCENT.search(sources or "")
    if found is None:
        return None
    share = Decimal(found.group(1).replace(",", "."))
    return share if 0 <= share <= 100 else None


def forwards(apps, schema_editor):
    Project = apps.get_model("oversight", "Project")
    Due = apps.get_model("oversight", "Due")
    Supervisor = apps.get_model("oversight", "Supervisor")
    for project in Project.objects.all().iterator():
        amounts = Counter(Due.objects.filter(project=project).values_list("amount", flat=True))
        if amounts:
            project.due_per_household = amounts.most_common(1)[0][0]
        else:
            project.residents_share = _share(project.sources)
        project.save(update_fields=["due_per_household", "residents_share"])
        names = [n.strip()[:200] for n in project.board.splitlines() if n.strip()]
        Supervisor.objects.bulk_create(
            Supervisor(project=project, name=name, position=n) for n, name in enumerate(names)
        )


def backwards(apps, schema_editor):
    Project = apps.get_model("oversight", "Project")
    for project in Project.objects.all().iterator():
        project.board = "\n".join(s.name for s in project.supervisors.order_by("position", "id"))
        project.save(update_fields=["board"])


class Migration(migrations.Migration):
    dependencies = [("oversight", "0005_project_contribution_and_supervisor_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
