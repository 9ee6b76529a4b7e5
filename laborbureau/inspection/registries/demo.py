"""Demo registries, through the real services: applications of each kind from demo
employers (some approved with the chief's sign-off, one refused, some awaiting review),
a training-unit audit, a monitored major work with checks, compilation entries for the
closed serious accidents of this year if any, and the e-newsletter with subscribers and
one sent issue."""

import io
import random
from datetime import timedelta

from django.utils import timezone
from PIL import Image

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.inspection.registries import selectors, services
from laborbureau.inspection.registries.models import Registration

APPLICATIONS = [
    ("SITE_CERTIFICATION", "信義區松仁路集合住宅新建工程", "地上15層RC造集合住宅，工地自主管理計畫及巡檢紀錄。", "110", True),
    ("SITE_CERTIFICATION", "內湖區科技園區廠辦新建工程", "地上10層SRC造廠辦，自主檢查表及安全衛生協議紀錄。", "114", None),
    ("TRAINING_UNIT", "臺北市安全衛生教育訓練中心", "營造作業主管、一般安全衛生教育訓練；教室及術科場地。", "104", True),
    ("TRAINING_UNIT", "大同職安訓練教室", "急救人員安全衛生教育訓練。", "103", False),
    ("MEDICAL_INSTITUTION", "中山健康檢查診所", "勞工一般體格及健康檢查；自備X光機及檢驗設備。", "104", True),
    ("SAFETY_PERSONNEL", "職業安全衛生管理師登錄", "本公司置職業安全衛生管理師一人（職業安全衛生管理辦法第3條）。", "", True),
]


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (40, 90, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


def seed(*, rng: random.Random, citizens, employers, staff) -> int:
    if Registration.objects.exists() or "lio_officer" not in staff:
        return 0
    officer, inspector, chief = staff["lio_officer"], staff["lio_inspector"], staff["lio_chief"]
    pool = [e for e in employers if e.business_id][:10] or employers[:10]
    fire = case_services.case_transition
    made = 0
    training_unit = None
    for index, (kind, name, description, zip3, outcome) in enumerate(APPLICATIONS):
        personnel = {"personnel_name": "林志明", "personnel_role": "MANAGER",
                     "personnel_certificate": "職業安全衛生管理師訓練結業證書第1150123號"} if kind == "SAFETY_PERSONNEL" else {}
        registration = services.registration_apply(
            data=services.RegistrationInput(
                kind=kind, name=name, description=description, district=zip3,
                address=f"臺北市{rng.choice(['忠孝東路', '民生東路', '松江路'])}{rng.randint(1, 300)}號" if zip3 else "",
                employer_id=pool[index % len(pool)].pk, files=[("申請書.jpg", _jpeg())], **personnel),
            actor=officer, channel="counter")
        made += 1
        if outcome is None:
            continue
        fire(case=registration.case, name="review", actor=officer, data={"review_opinion": "書面及現場審查完竣。"})
        if outcome:
            fire(case=registration.case, name="propose_approval", actor=officer, data={})
        else:
            fire(case=registration.case, name="propose_refusal", actor=officer,
                 data={"reason": "術科場地未經技術士技能檢定術科測試場地評鑑合格（職業安全衛生教育訓練規則第20條第3項）。"})
        signoff = SignOff.objects.get(case=registration.case, status=SignOff.Status.PENDING)
        case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
        if kind == "TRAINING_UNIT" and outcome:
            training_unit = Registration.objects.get(pk=registration.pk)
    today = timezone.localdate()
    if training_unit is not None:
        services.audit_schedule(registration=training_unit, scheduled_on=today + timedelta(days=14),
                                inspector=inspector, actor=officer)
        made += 1
    work = services.monitored_work_create(
        employer=pool[0], site_name="捷運萬大線第一期CQ850區段標", address="臺北市萬華區西藏路與中華路口", district="108",
        stream_url="https://cctv.example.gov.taipei/works/cq850", starts_on=today - timedelta(days=400),
        ends_on=today + timedelta(days=700), contract_amount=8_600_000_000, actor=officer)
    services.monitoring_check_record(work=work, stream_available=True, hazard_found=False,
                                     observations="開挖面擋土支撐完整，人員均配戴安全帽。", follow_up="", actor=inspector)
    services.monitoring_check_record(work=work, stream_available=True, hazard_found=True,
                                     observations="三樓樓板開口未設護欄。", follow_up="電話通知工地主任立即改善，並排定明日檢查。",
                                     actor=inspector)
    made += 3
    for row in selectors.compilation_candidates(today.year)[:5]:
        services.compilation_entry_save(
            year=today.year, case_number=row["case_number"],
            summary="勞工於作業中發生災害（詳檢查結果）。", causes=row["findings"] or "未採取必要之安全衛生設施。",
            prevention="依職業安全衛生設施規則設置防護設備，並實施安全衛生教育訓練及自動檢查。", actor=officer)
        made += 1
    for index in range(8):
        subscriber = services.subscription_request(email=f"reader{index}@example.tw")
        if subscriber is not None and index % 4:
            services.subscription_confirm(token=subscriber.confirm_token)
        made += 1
    issue = services.newsletter_issue_save(
        month=(today.replace(day=1) - timedelta(days=1)).replace(day=1), title="臺北市勞動檢查處安全衛生電子報",
        items=[{"title": "高處作業墜落災害預防", "body": "高度二公尺以上之工作場所邊緣及開口部分，應設置護欄、護蓋或安全網（職業安全衛生設施規則第224條）。",
                "link": "https://www.osha.gov.tw/"},
               {"title": "夏季高氣溫戶外作業熱危害預防", "body": "提供飲水、調整作業時間並安排休息（職業安全衛生設施規則第324條之6）。",
                "link": ""}],
        actor=officer)
    services.newsletter_issue_send(issue=issue, actor=officer)
    services.newsletter_dispatch()
    return made + 1
