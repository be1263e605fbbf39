from django.db import migrations, models
from django.db.models import F


def confirm_earlier_sends(apps, schema_editor):
    """Deliveries sent before confirmation was recorded were all answered by the server."""
    Delivery = apps.get_model("newsletters", "Delivery")
    Delivery.objects.filter(status__in=["sent", "bounced"]).update(confirmed_at=F("sent_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0003_daily_send_time"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the mail server said it had the message. A sent delivery without "
                "it is one its sender died finishing: it may not have arrived.",
                null=True,
            ),
        ),
        migrations.RunPython(confirm_earlier_sends, migrations.RunPython.noop),
    ]
