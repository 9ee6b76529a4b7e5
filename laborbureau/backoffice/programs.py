"""The programs' staff pages, for the "業務功能" page of the workspace. The back office
is presentation and may know the programs; each entry names the units whose staff
work with it (the director and auditor see every entry)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    url_name: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class Program:
    name_zh: str
    name_en: str
    units: frozenset[str]
    entries: tuple[Entry, ...]


PROGRAMS = (
    Program("勞動條件申訴", "Labor-standards complaints", frozenset({"LS"}), (
        Entry("staff_complaint_new", "登錄申訴（電話、臨櫃、書面）", "Record a complaint"),
    )),
    Program("勞資爭議調解", "Labor-dispute mediation", frozenset({"LR"}), (
        Entry("staff_disputes", "調解案件", "Disputes"),
        Entry("staff_dispute_new", "登錄調解申請", "Record an application"),
        Entry("staff_mediators", "調解人名冊", "Mediator roster"),
        Entry("staff_dispute_statistics", "調解統計", "Statistics"),
    )),
    Program("大量解僱", "Mass layoffs", frozenset({"LR"}), (
        Entry("staff_layoff_monitor", "大量解僱監控", "Layoff monitoring"),
        Entry("staff_layoff_plan_new", "登錄解僱計畫書", "Record a layoff plan"),
    )),
    Program("關廠歇業事實認定", "Closure determinations", frozenset({"LR"}), (
        Entry("staff_closure_new", "登錄認定申請", "Record an application"),
    )),
    Program("義務律師諮詢", "Volunteer-lawyer advice", frozenset({"LR"}), (
        Entry("staff_advice", "諮詢時段", "Advice slots"),
        Entry("staff_advice_bookings", "預約", "Bookings"),
        Entry("staff_advice_advisers", "律師與志工", "Advisers"),
        Entry("staff_advice_figures", "統計", "Figures"),
    )),
    Program("勞工權益基金", "Labor Rights Fund", frozenset({"LR"}), (
        Entry("staff_fund", "補助申請", "Aid applications"),
    )),
    Program("就業服務", "Employment services", frozenset({"ESO"}), (
        Entry("employment_staff_seekers", "求職者", "Job seekers"),
        Entry("employment_staff_seeker_new", "求職登記", "Register a job seeker"),
        Entry("employment_staff_vacancies", "職缺", "Vacancies"),
        Entry("employment_staff_vacancy_new", "求才登記", "Register a vacancy"),
        Entry("employment_staff_figures", "推介成效", "Placement figures"),
    )),
    Program("國內招募、離職證明、外勞轉換", "Domestic recruitment, separation certificates, transfers",
            frozenset({"ESO"}), (
        Entry("staff_recruitments", "國內招募（求才證明書）", "Domestic recruitment"),
        Entry("staff_separations", "協助開立離職證明", "Separation certificates"),
        Entry("staff_transfers", "外國人轉換雇主及承接", "Worker transfers"),
    )),
    Program("事業單位帳號", "Employer accounts", frozenset({"ESO", "LS"}), (
        Entry("staff_employer_accounts", "自行註冊帳號確認", "Verify self-signed-up accounts"),
    )),
    Program("職業災害", "Occupational accidents", frozenset({"LIO"}), (
        Entry("accident_staff_alerts", "職災即時通報", "Live accident alerts"),
        Entry("accident_staff_list", "職業災害通報", "Accident reports"),
        Entry("accident_staff_roster", "值勤表", "Duty roster"),
    )),
    Program("勞動檢查", "Labor inspections", frozenset({"LIO"}), (
        Entry("inspection_worklist", "我的檢查", "My inspections"),
        Entry("inspection_plan", "年度檢查計畫", "Yearly inspection plan"),
        Entry("inspection_new", "排定檢查", "Schedule an inspection"),
        Entry("hazardous_reviews", "丁類危險性工作場所審查", "Type D workplace reviews"),
        Entry("hazardous_projects", "營造工程", "Construction projects"),
        Entry("hazardous_certificates", "危險性機械設備檢查合格證", "Machinery certificates"),
    )),
    Program("登錄、彙編及電子報", "OSH registries", frozenset({"LIO"}), (Entry("registries_staff_list", "登錄申請", "Registration applications"),)),
    Program("罰鍰", "Fines", frozenset({"LS", "LR", "LIO", "ES", "ESO", "DEO", "FWA"}), (
        Entry("fine_list", "罰鍰案件", "Fines"),
    )),
)


def programs_for(user) -> list[Program]:
    if user.role in ("DIRECTOR", "AUDITOR"):
        return list(PROGRAMS)
    unit = user.unit.code if user.unit_id else ""
    return [program for program in PROGRAMS if unit in program.units]
