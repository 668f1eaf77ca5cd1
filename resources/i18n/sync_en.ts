<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/screens/__init__.py" line="43" />
            <source>冲突处理</source>
            <translation>Sync conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="35" />
            <source>名称/姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="35" />
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="39" />
            <source>删除标记</source>
            <translation>Deleted mark</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="45" />
            <source>后写覆盖</source>
            <translation>Later write won</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="45" />
            <source>待审核</source>
            <translation>Held for review</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="45" />
            <source>重复记录</source>
            <translation>Duplicate record</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="46" />
            <location filename="../../ui/screens/sync_conflicts.py" line="250" />
            <source>已保留现值</source>
            <translation>Kept current value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="46" />
            <location filename="../../ui/screens/sync_conflicts.py" line="48" />
            <source>待处理</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="47" />
            <source>已恢复</source>
            <translation>Re-applied</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="56" />
            <source>整条记录</source>
            <translation>Whole record</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="60" />
            <source>发现时间</source>
            <translation>Found at</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="61" />
            <location filename="../../ui/screens/sync_conflicts.py" line="75" />
            <source>数据</source>
            <translation>Data</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="62" />
            <source>记录</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="66" />
            <location filename="../../ui/screens/sync_conflicts.py" line="172" />
            <source>现值</source>
            <translation>Current value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="67" />
            <source>现值来自</source>
            <translation>Current from</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="68" />
            <location filename="../../ui/screens/sync_conflicts.py" line="173" />
            <source>被覆盖的值</source>
            <translation>Overwritten value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="69" />
            <source>被覆盖值来自</source>
            <translation>Overwritten from</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="76" />
            <source>告警</source>
            <translation>Alarm</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="99" />
            <source>同步冲突</source>
            <translation>Sync conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="161" />
            <source>显示</source>
            <translation>Show</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="170" />
            <source>冲突详情</source>
            <translation>Conflict details</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="174" />
            <source>处理说明</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="175" />
            <source>可选，如：已电话核实</source>
            <translation>Optional, e.g. confirmed by phone</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="176" />
            <source>保留现值</source>
            <translation>Keep current value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="177" />
            <location filename="../../ui/screens/sync_conflicts.py" line="236" />
            <source>恢复被覆盖的值</source>
            <translation>Re-apply overwritten value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="178" />
            <source>同步告警（被中心拒收的单据等）</source>
            <translation>Sync alarms (documents the centre refused, etc.)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="179" />
            <source>确认已处理</source>
            <translation>Mark as handled</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="186" />
            <source>共 {n} 条</source>
            <translation>{n} in total</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="223" />
            <source>请选择一条冲突</source>
            <translation>Select a conflict</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="229" />
            <location filename="../../ui/screens/sync_conflicts.py" line="231" />
            <source>{value}（终端 {terminal}，{at}）</source>
            <translation>{value} (terminal {terminal}, {at})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="230" />
            <location filename="../../ui/screens/sync_conflicts.py" line="232" />
            <source>（空）</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="234" />
            <source>改用被搁置的记录</source>
            <translation>Use the held-back record instead</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="253" />
            <source>已恢复被覆盖的值，将在下次同步时传到其他终端</source>
            <translation>Overwritten value re-applied; it reaches the other terminals with the next sync</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="258" />
            <source>请先选择一条告警。</source>
            <translation>Select an alarm first.</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="41" />
            <source>单机（未连接中心）</source>
            <translation>Standalone (no central database)</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="44" />
            <source>正在同步…</source>
            <translation>Syncing…</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="46" />
            <source>离线</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="50" />
            <source>在线</source>
            <translation>Online</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="54" />
            <source>待同步 {n}</source>
            <translation>{n} to sync</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="56" />
            <source>上次同步 {time}</source>
            <translation>last sync {time}</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="56" />
            <source>尚未同步</source>
            <translation>never synced</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="98" />
            <source>立即同步</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="99" />
            <source>现在与中心数据库同步（先上传本机变更，再接收其他终端的变更）</source>
            <translation>Synchronise with the central database now (push this terminal's changes, then pull the others')</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="112" />
            <source>冲突 {n}</source>
            <translation>{n} conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="117" />
            <source>其中收费单据 {n} 条</source>
            <translation>of which {n} money documents</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="119" />
            <source>被中心拒收 {n} 条，请主管处理</source>
            <translation>{n} refused by the centre; a supervisor should review them</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="121" />
            <source>无法应用 {n} 条，将在下次同步时重试</source>
            <translation>{n} could not be applied; retried at the next sync</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="137" />
            <source>同步未完成</source>
            <translation>Sync not completed</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="140" />
            <source>同步完成：上传 {pushed} 条，接收 {pulled} 条，冲突 {conflicts} 条</source>
            <translation>Sync done: {pushed} pushed, {pulled} pulled, {conflicts} conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="146" />
            <location filename="../../ui/screens/sync_conflicts.py" line="132" />
            <source>同步告警</source>
            <translation>Sync alarm</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="147" />
            <source>中心拒收了 {n} 条变更，已保留在本机，请主管在“冲突处理”中查看。</source>
            <translation>The centre refused {n} change(s); they are kept on this terminal. A supervisor should check them under Sync conflicts.</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="150" />
            <source>需要升级</source>
            <translation>Upgrade needed</translation>
        </message>
        <message>
            <location filename="../../ui/sync/indicator.py" line="154" />
            <source>电脑时间不准</source>
            <translation>PC clock is off</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="201" />
            <source>没有待处理的冲突：各终端的修改已合并，无需处理</source>
            <translation>No conflicts to review: the terminals' changes have been merged, nothing to do</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="202" />
            <source>没有冲突记录</source>
            <translation>No conflicts recorded</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync_conflicts.py" line="203" />
            <source>没有同步告警</source>
            <translation>No sync alarms</translation>
        </message>
    </context>
</TS>
