"""The topic catalogue as first shipped (coso/concerns/catalogue.py): each topic at
version 1 with its first revision. Idempotent: a code already present is left alone."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.concerns.catalogue import TOPICS

    topic_model = apps.get_model("concerns", "Topic")
    revision_model = apps.get_model("concerns", "TopicRevision")
    present = {t.code: t for t in topic_model.objects.all()}
    for order, (code, label, label_en, keywords) in enumerate(TOPICS):
        if code in present:
            continue
        parent = present.get(code.rsplit(".", 1)[0]) if "." in code else None
        topic = topic_model.objects.create(
            code=code, parent=parent, label=label, label_en=label_en, keywords=keywords,
            order=order,
        )
        present[code] = topic
        revision_model.objects.create(
            topic=topic,
            version=1,
            snapshot={
                "code": code, "parent": parent.code if parent else None, "label": label,
                "label_en": label_en, "keywords": keywords, "order": order, "retired_on": None,
            },
            note="Danh mục ban đầu của Coso",
        )


class Migration(migrations.Migration):
    dependencies = [("concerns", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
