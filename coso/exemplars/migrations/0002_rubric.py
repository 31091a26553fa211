"""The evaluation rubric a steering committee starts from. The criteria are data: a
province changes them (new rows, old ones made inactive) and earlier evaluations keep
the rubric they were scored against. Drawn from the guidance of mass mobilisation
commissions on building and assessing "Dân vận khéo" models (practical to the people's
needs, the people as subject, results in figures, replicable); not a legal rule."""

from django.db import migrations

CRITERIA = [
    ("thiet-thuc", "Thiết thực, phù hợp nhu cầu, lợi ích chính đáng của Nhân dân", 25),
    ("chu-the", "Phát huy vai trò chủ thể, huy động được sức dân", 25),
    ("hieu-qua", "Hiệu quả rõ, có số liệu chứng minh", 30),
    ("nhan-rong", "Có khả năng duy trì và nhân rộng", 20),
]


def create(apps, schema_editor):
    Criterion = apps.get_model("exemplars", "Criterion")
    for order, (code, label, points) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            code=code, defaults={"label": label, "max_points": points, "order": order}
        )


def remove(apps, schema_editor):
    apps.get_model("exemplars", "Criterion").objects.filter(
        code__in=[c for c, _, _ in CRITERIA]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("exemplars", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
