from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_codeentry_edited"),
    ]

    operations = [
        migrations.AddField(
            model_name="codeentry",
            name="arch",
            field=models.CharField(blank=True, max_length=10),
        ),
    ]
