import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from coso import rules
from coso.accounts.selectors import RoleAssignment
from coso.core.commands import ReminderCommand
from coso.core.permissions import roles_for
from coso.notices.services import notify
from coso.petitions.models import OPEN_STATUSES, Petition, Reminder


class Command(ReminderCommand):
    help = (
        "Nhắc cán bộ về đơn thư sắp đến hạn hoặc quá hạn: `coso petitions remind`. "
        "Chạy nhiều lần trong ngày không gửi trùng."
    )

    def remind(self) -> str:
        today = timezone.localdate()
        soon = rules.add_working_days(today, settings.COSO_PETITION_SOON_DAYS)
        due = Petition.objects.filter(status__in=OPEN_STATUSES, next_due__lte=soon).only(
            "id", "unit_id", "tracking_code", "subject", "next_due"
        )
        claimed: dict[int, list[Petition]] = defaultdict(list)
        for petition in due.iterator(chunk_size=2000):
            try:
                with transaction.atomic():
                    Reminder.objects.create(petition=petition, on=today)
            except IntegrityError:
                continue  # already reminded today
            claimed[petition.unit_id].append(petition)
        recipients = defaultdict(set)
        for unit_id, email in (
            RoleAssignment.objects.filter(
                unit_id__in=claimed, role__in=roles_for("petitions.write")
            )
            .exclude(user__email="")
            .values_list("unit_id", "user__email")
        ):
            recipients[unit_id].add(email)
        for unit_id, petitions in claimed.items():
            if recipients[unit_id]:
                lines = [
                    f"- {p.tracking_code} {p.subject} (hạn {p.next_due:%d/%m/%Y}"
                    f"{', QUÁ HẠN' if (p.next_due or today) < today else ''})"
                    for p in petitions
                ]
                # Per day and per set of petitions: a second run the same day that
                # finds newly due petitions sends them, and never the same list twice.
                listed = ",".join(str(p.pk) for p in sorted(petitions, key=lambda p: p.pk))
                digest = hashlib.sha256(listed.encode()).hexdigest()[:16]
                for email in sorted(recipients[unit_id]):
                    notify(
                        key=f"petitions.remind:{today}:{unit_id}:{digest}:{email}",
                        to=email,
                        subject=f"[Coso] {len(petitions)} đơn thư sắp đến hạn hoặc quá hạn",
                        body="\n".join(lines),
                    )
        total = sum(len(p) for p in claimed.values())
        return f"Đã nhắc {total} đơn thư ở {len(claimed)} đơn vị."
