from coso.core.commands import ReminderCommand
from coso.followups.reminders import remind


class Command(ReminderCommand):
    help = (
        "Nhắc người chịu trách nhiệm về việc sắp đến hạn hoặc quá hạn: `coso followups "
        "remind` (mỗi ngày). Chạy nhiều lần trong ngày không gửi trùng."
    )

    def remind(self) -> str:
        written, listed = remind()
        return f"Đã nhắc {written} địa chỉ về {listed} việc."
