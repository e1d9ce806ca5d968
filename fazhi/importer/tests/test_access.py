"""Who may see and do what with imported reports (personas of fazhi/conftest.py).

persona             list and report pages      upload, correct, assign
supervisor (SL)     SL's imports and below      yes
admin (SL)          SL's imports and below      no (reads only)
clerk, head (SL-A)  nothing (403)               no
sibling (SL-B)      nothing (403)               no
SL-B's supervisor   SL-B's imports only         its own office's
public              sent to the login page      no
"""

import pytest

from fazhi.conftest import make_user
from fazhi.core.models import AuditEvent
from fazhi.importer import services
from fazhi.importer.models import ImportedReport

from .files import seed_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(people, tree) -> ImportedReport:
    return services.import_upload(tree["city"], seed_file("002"), user=people["supervisor"]).report


@pytest.fixture
def sibling_supervisor(tree):
    return make_user("sibling_supervisor", tree["sibling"], "supervisor")


def pages(report) -> list[str]:
    return ["/imports/", f"/imports/{report.pk}/", "/imports/compare/", "/imports/compare.xlsx"]


@pytest.mark.parametrize("persona", ["supervisor", "admin"])
def test_the_citys_supervisor_and_admin_read_every_page(login, people, report, persona):
    client = login(people[persona])
    for url in pages(report):
        assert client.get(url).status_code == 200, url
    assert "城口县人民政府办公室" in client.get("/imports/").content.decode()


@pytest.mark.parametrize("persona", ["clerk", "head", "reviewer", "sibling", "child_clerk"])
def test_the_staff_of_a_unit_cannot_see_the_imports(login, people, report, persona):
    client = login(people[persona])
    for url in pages(report):
        assert client.get(url).status_code == 403, url
    response = client.post("/imports/upload/", {"files": [seed_file("001")]})
    assert response.status_code == 403
    assert ImportedReport.objects.count() == 1


def test_the_menu_offers_the_imports_to_supervisors_and_admins_only(login, people, report):
    for persona, shown in (("supervisor", True), ("admin", True), ("clerk", False)):
        page = login(people[persona]).get("/home/").content.decode()
        assert ('href="/imports/"' in page) is shown, persona


def test_a_sibling_units_supervisor_sees_neither_the_report_nor_its_figures(
    login, report, sibling_supervisor
):
    client = login(sibling_supervisor)
    assert client.get("/imports/").status_code == 200
    assert "城口县" not in client.get("/imports/").content.decode()
    assert client.get(f"/imports/{report.pk}/").status_code == 404
    assert "城口县" not in client.get("/imports/compare/").content.decode()
    figure = report.figures.first()
    response = client.post(f"/imports/{report.pk}/figures/{figure.pk}/correct/", {"value": 1, "reason": "x"})
    assert response.status_code == 404


def test_a_sibling_units_supervisor_imports_in_its_own_name_which_the_city_also_reads(
    login, people, tree, sibling_supervisor
):
    client = login(sibling_supervisor)
    client.post("/imports/upload/", {"org": tree["sibling"].pk, "files": [seed_file("001")]})
    own = ImportedReport.objects.get()
    assert own.org == tree["sibling"]
    assert login(people["supervisor"]).get(f"/imports/{own.pk}/").status_code == 200


def test_an_admin_reads_but_neither_uploads_nor_corrects(login, people, tree, report):
    client = login(people["admin"])
    page = client.get("/imports/").content.decode()
    assert "上传并导入" not in page and "管理员可以查看" in page
    assert client.post("/imports/upload/", {"files": [seed_file("001")]}).status_code == 403
    figure = report.figures.first()
    url = f"/imports/{report.pk}/figures/{figure.pk}/correct/"
    assert client.post(url, {"value": 1, "reason": "x"}).status_code == 403
    assert 'action="/imports/' not in client.get(f"/imports/{report.pk}/").content.decode()
    assert not AuditEvent.objects.filter(subject_type="importer.importedfigure").exists()


def test_a_supervisor_cannot_import_in_the_name_of_an_office_it_does_not_serve(login, people, tree):
    client = login(people["supervisor"])
    client.post("/imports/upload/", {"org": tree["sibling"].pk, "files": [seed_file("001")]})
    assert ImportedReport.objects.count() == 0


def test_the_public_is_sent_to_the_login_page(client, report):
    for url in pages(report):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
