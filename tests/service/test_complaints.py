"""Complaints: intake with the 投诉处理受理单 fields, routing, reply, completion, overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from propdesk.errors import Conflict, PermissionDenied, ValidationFailed
from propdesk.services.service_desk import complaints as cp
from tests.service.conftest import NOW


def _complaint(s, office, **kw):
    args = dict(complainant="王芳", identity="租客", phone="13912345678", room_id=office.room_id,
                content="楼上装修噪音，晚上十点后仍在施工", now=NOW)
    args.update(kw)
    return cp.create_complaint(s, office.frontdesk, **args)


def test_complaint_to_completion(db, office):
    with db.session() as s:
        c = _complaint(s, office)
        assert c.number == "TS-T01-20261123-0001" and c.identity == "tenant"
        assert c.reply_due_at == NOW + dt.timedelta(hours=24)
        assert (c.state, c.received_by, c.estate_id) == ("received", "李前台", office.estate_id)
        with pytest.raises(Conflict):  # cannot reply before it is routed
            cp.reply(s, office.frontdesk, c.id, method="电话", reply="x", handling="y", now=NOW)
        cp.route(s, office.frontdesk, c.id, department="秩序维护部", handler="赵队长",
                 now=NOW + dt.timedelta(minutes=10))
        assert (c.state, c.department, c.handler) == ("routed", "security", "赵队长")
        with pytest.raises(ValidationFailed) as e:  # handling must be recorded first
            cp.reply(s, office.frontdesk, c.id, method="电话", reply="已处理", now=NOW)
        assert e.value.problems[0].where == "处理情况"
        cp.record_handling(s, office.frontdesk, c.id,
                           handling="已约谈装修户，限定施工时间为8:00-12:00、14:00-18:00")
        cp.reply(s, office.frontdesk, c.id, method="电话", reply="已电话告知处理结果",
                 now=NOW + dt.timedelta(hours=3))
        assert (c.state, c.reply_method) == ("replied", "phone")
        # The complainant is not content: handle again, with a new deadline.
        later = NOW + dt.timedelta(days=1)
        cp.reopen(s, office.frontdesk, c.id, reason="昨晚仍有噪音", now=later)
        assert c.state == "routed" and c.reply_due_at == later + dt.timedelta(hours=24)
        assert "昨晚仍有噪音" in c.note
        cp.reply(s, office.frontdesk, c.id, method="亲临", reply="上门致歉并复查",
                 handling="装修户已停止夜间施工", now=later)
        cp.close(s, office.frontdesk, c.id, satisfaction="满意", completed_on=later.date(),
                 now=later)
        assert (c.state, c.satisfaction, c.completed_on, c.reply_method) == (
            "closed", "satisfied", later.date(), "in_person")
        with pytest.raises(Conflict):
            cp.route(s, office.frontdesk, c.id, department="客服部", now=later)


def test_overdue_and_listing(db, office):
    with db.session() as s:
        a = _complaint(s, office)
        b = _complaint(s, office, complainant="赵强", identity="业主", content="电梯经常停运",
                       room_id=None)
        cp.route(s, office.frontdesk, b.id, department="工程部", now=NOW)
        cp.reply(s, office.frontdesk, b.id, method="电邮", reply="已安排维保",
                 handling="联系维保单位", now=NOW)
        at = NOW + dt.timedelta(hours=25)
        rows = {r.number: r for r in cp.list_complaints(s, office.frontdesk, now=at)}
        assert rows[a.number].overdue and not rows[b.number].overdue  # b was answered
        assert [r.number for r in cp.list_complaints(s, office.frontdesk, overdue_only=True,
                                                     now=at)] == [a.number]
        assert [r.number for r in cp.list_complaints(s, office.frontdesk, department="engineering")
                ] == [b.number]
        assert [r.room_code for r in cp.list_complaints(s, office.frontdesk, text="装修")] == [
            "JD-01-1-0502"]
        assert cp.complaint_by_number(s, office.frontdesk, b.number.lower()).id == b.id


def test_validation_and_permissions(db, office):
    with db.session() as s:
        with pytest.raises(ValidationFailed) as e:
            cp.create_complaint(s, office.frontdesk, complainant=" ", content="", identity="邻居",
                                phone="999")
        assert {p.where for p in e.value.problems} == {"投诉人", "投诉内容", "投诉人身份", "联系电话"}
        with pytest.raises(PermissionDenied):
            cp.create_complaint(s, office.cashier, complainant="x", content="y")
        c = _complaint(s, office)
        with pytest.raises(PermissionDenied):  # engineers do not route complaints
            cp.route(s, office.engineer, c.id, department="工程部")
        with pytest.raises(ValidationFailed):
            cp.route(s, office.frontdesk, c.id, department="销售部")
