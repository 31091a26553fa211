# The Official Account's tokens, kept in plain text until now, are sealed (encrypted at
# rest with coso.core.crypto, as a petition's sender is): each existing row is sealed,
# then the plain columns are dropped. Reversing unseals them back into plain columns.

from django.db import migrations, models

from coso.core.crypto import decrypt_json, encrypt_json


def seal(apps, schema_editor):
    ZaloToken = apps.get_model("notices", "ZaloToken")
    for token in ZaloToken.objects.all():
        token.sealed = encrypt_json(
            {"access_token": token.access_token, "refresh_token": token.refresh_token}
        )
        token.save(update_fields=["sealed"])


def unseal(apps, schema_editor):
    ZaloToken = apps.get_model("notices", "ZaloToken")
    for token in ZaloToken.objects.all():
        tokens = decrypt_json(token.sealed)
        token.access_token = tokens.get("access_token", "")
        token.refresh_token = tokens.get("refresh_token", "")
        token.save(update_fields=["access_token", "refresh_token"])


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0005_resident_preference"),
    ]

    operations = [
        migrations.AddField(
            model_name="zalotoken",
            name="sealed",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(seal, unseal),
        migrations.RemoveField(model_name="zalotoken", name="access_token"),
        migrations.RemoveField(model_name="zalotoken", name="refresh_token"),
    ]
