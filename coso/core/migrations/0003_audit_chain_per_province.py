"""One audit chain per province, beside the national one.

No entry is rewritten: every entry written before is kept, with its hash and signature,
as the national chain's history (chain 0), the single head row becomes that chain's
head and the daily checkpoints its checkpoints; so the old log verifies exactly as it
was signed. New entries with a unit go to their province's chain, opened on its first
write by an entry in the national chain.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_signed_audit'),
        ('units', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditcheckpoint',
            options={'ordering': ['-day', 'chain'], 'verbose_name': 'mốc nhật ký hằng ngày'},
        ),
        migrations.AlterModelOptions(
            name='auditentry',
            options={'ordering': ['chain', 'seq'], 'verbose_name': 'dòng nhật ký', 'verbose_name_plural': 'nhật ký thay đổi'},
        ),
        migrations.AddField(
            model_name='auditcheckpoint',
            name='chain',
            field=models.BigIntegerField(default=0, help_text='Mã tỉnh (id); 0 là chuỗi toàn quốc.', verbose_name='chuỗi'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='chain',
            field=models.BigIntegerField(default=0, help_text='Mã tỉnh (id); 0 là chuỗi toàn quốc.', verbose_name='chuỗi'),
        ),
        migrations.AddField(
            model_name='audithead',
            name='chain',
            field=models.BigIntegerField(default=0, unique=True, verbose_name='chuỗi'),
        ),
        migrations.AlterField(
            model_name='auditcheckpoint',
            name='day',
            field=models.DateField(verbose_name='ngày'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='seq',
            field=models.BigIntegerField(verbose_name='số thứ tự'),
        ),
        migrations.AddConstraint(
            model_name='auditcheckpoint',
            constraint=models.UniqueConstraint(fields=('chain', 'day'), name='audit_checkpoint_chain_day'),
        ),
        migrations.AddConstraint(
            model_name='auditentry',
            constraint=models.UniqueConstraint(fields=('chain', 'seq'), name='audit_entry_chain_seq'),
        ),
    ]
