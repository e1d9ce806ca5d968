"""`fazhi normdocs search` as a console command: a refusal goes to stderr with exit status 2.

No database here: the command refuses the date before it reads anything, and Django's
command runner closes the connections when it exits."""

import pytest


def test_the_command_refuses_a_bad_date_in_chinese_with_exit_status_2(capsys):
    from fazhi.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["normdocs", "search", "复议", "--on", "2026-02-30", "--json"])
    assert exited.value.code == 2
    assert "日期“2026-02-30”无效，请使用YYYY-MM-DD格式" in capsys.readouterr().err
