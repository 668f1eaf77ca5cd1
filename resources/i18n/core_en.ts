<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>PropDesk</name>
        <message>
            <location filename="../../ui/app.py" line="87" />
            <source>无法打开或升级数据库：
{error}

请检查 --db 参数或 PROPDESK_DB 环境变量，并确认文件可写。</source>
            <translation>Cannot open or upgrade the database:
{error}

Check the --db option or the PROPDESK_DB environment variable, and that the file is writable.</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="87" />
            <source>无法打开数据库</source>
            <translation>Cannot open the database</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="36" />
            <source>检查</source>
            <translation>Check</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="37" />
            <source>编码已存在</source>
            <translation>Code exists</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="124" />
            <source>批量生成房间预览</source>
            <translation>Batch room generation preview</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="164" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="327" />
            <source>批量生成房间</source>
            <translation>Generate rooms</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="165" />
            <source>生成规则</source>
            <translation>Rules</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="166" />
            <source>单元(&amp;U)</source>
            <translation>&amp;Units</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="166" />
            <source>楼层(&amp;F)</source>
            <translation>&amp;Floors</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="166" />
            <source>每层户数(&amp;N)</source>
            <translation>Rooms per floor (&amp;N)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="167" />
            <source>初始状态</source>
            <translation>Initial status</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="167" />
            <source>编码规则(&amp;P)</source>
            <translation>Code &amp;pattern</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="170" />
            <source>至</source>
            <translation>to</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="171" />
            <source>如：1,2,3</source>
            <translation>e.g. 1,2,3</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="172" />
            <source>房间编码 = 小区编码-楼栋编码-规则结果。可用 {unit} 单元、{floor} 楼层、{room} 户序，如 {floor:02d} 补足两位。最后一个“-”之后是房号。</source>
            <translation>Room code = estate code-building code-pattern result. Use {unit} unit, {floor} floor, {room} position on the floor; {floor:02d} pads to two digits. The text after the last "-" is the room number.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="175" />
            <source>各户默认面积（按每层的户序）</source>
            <translation>Default areas (by position on the floor)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="176" />
            <source>户序</source>
            <translation>Position</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="177" />
            <source>预览</source>
            <translation>Preview</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="178" />
            <source>预览(&amp;V)</source>
            <translation>Pre&amp;view</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="179" />
            <source>生成(&amp;C)</source>
            <translation>&amp;Create</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="254" />
            <source>第 {n} 户 面积</source>
            <translation>position {n} area</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="299" />
            <source>设置规则后点“预览”，确认无误再点“生成”。</source>
            <translation>Set the rules, click Preview, check, then click Create.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="304" />
            <source>规则已修改，请重新预览。</source>
            <translation>The rules changed; preview again.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="306" />
            <source>共 {n} 间，其中 {k} 个编码已存在（红色），请修改规则后重新预览。</source>
            <translation>{n} rooms, of which {k} codes already exist (red); change the rules and preview again.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="308" />
            <source>将生成 {n} 间房，编码均未被占用。</source>
            <translation>{n} rooms will be created; no code is taken.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/batch_rooms.py" line="327" />
            <source>已生成 {n} 间房。</source>
            <translation>{n} rooms created.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="87" />
            <source>修改客户资料</source>
            <translation>Edit customer</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="87" />
            <source>新建客户</source>
            <translation>New customer</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="88" />
            <source>姓名/名称(&amp;N)</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="89" />
            <source>证件号码(&amp;I)</source>
            <translation>&amp;ID number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="90" />
            <source>工作单位</source>
            <translation>Employer</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="90" />
            <source>户籍</source>
            <translation>Household registration</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="90" />
            <source>手机(&amp;M)</source>
            <translation>&amp;Mobile</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="91" />
            <source>紧急联系人</source>
            <translation>Emergency contact</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="91" />
            <source>紧急联系电话</source>
            <translation>Emergency phone</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="95" />
            <source>18位居民身份证号码</source>
            <translation>18-character resident ID number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="96" />
            <source>11位手机号码</source>
            <translation>11-digit mobile number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="133" />
            <source>姓名不能为空</source>
            <translation>Name is required</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="139" />
            <source>手机号码应为11位，以1开头</source>
            <translation>A mobile number has 11 digits and starts with 1</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="141" />
            <source>电话号码无效</source>
            <translation>Invalid phone number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="149" />
            <source>✓ 校验通过</source>
            <translation>✓ valid</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="228" />
            <source>输入姓名、拼音首字母、手机号或证件号后几位查找</source>
            <translation>Type a name, pinyin initials, mobile or the last digits of an ID number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="229" />
            <source>新建客户(&amp;N)…</source>
            <translation>&amp;New customer…</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="245" />
            <source>证件尾号 {tail}</source>
            <translation>ID …{tail}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="268" />
            <source>已选择：{name}　{phone}</source>
            <translation>Chosen: {name}  {phone}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/customer.py" line="269" />
            <source>尚未选择客户</source>
            <translation>No customer chosen yet</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="56" />
            <source>地址</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="57" />
            <source>占地面积(㎡)</source>
            <translation>Land area (m²)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="59" />
            <source>绿化面积(㎡)</source>
            <translation>Green area (m²)</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="63" />
            <source>楼宇类型</source>
            <translation>Building type</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="64" />
            <source>结构</source>
            <translation>Structure</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="65" />
            <source>层数</source>
            <translation>Floors</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="83" />
            <source>新建区域</source>
            <translation>New region</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="85" />
            <source>新建小区</source>
            <translation>New estate</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="87" />
            <source>新建楼栋</source>
            <translation>New building</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="89" />
            <source>新建单元</source>
            <translation>New unit</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="91" />
            <source>新建停车场</source>
            <translation>New car park</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="94" />
            <source>新建车位</source>
            <translation>New parking space</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="95" />
            <source>车位号(&amp;N)</source>
            <translation>Space &amp;number</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="105" />
            <source>修改小区</source>
            <translation>Edit estate</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="106" />
            <source>修改楼栋</source>
            <translation>Edit building</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/master_data.py" line="163" />
            <source>编码建好后不能修改：它是房间编码和车位编码的一部分。</source>
            <translation>A code cannot be changed once created: it is part of the room and parking space codes.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="53" />
            <source>入住登记</source>
            <translation>Move in</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="54" />
            <source>房间 {code} 入住登记</source>
            <translation>Move in to room {code}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="55" />
            <source>入住日期(&amp;D)</source>
            <translation>Move-in &amp;date</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="55" />
            <source>客户(&amp;C)</source>
            <translation>&amp;Customer</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="55" />
            <source>身份(&amp;R)</source>
            <translation>&amp;Role</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="65" />
            <source>请先选择或新建客户</source>
            <translation>Choose or create a customer first</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="89" />
            <source>房间 {code} 办理迁出</source>
            <translation>Move out of room {code}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="91" />
            <source>迁出日期(&amp;D)</source>
            <translation>Move-out &amp;date</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="93" />
            <source>{name}（{role}，{start} 起）</source>
            <translation>{name} ({role}, since {start})</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="122" />
            <source>房间 {code} 办理过户</source>
            <translation>Transfer ownership of room {code}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="123" />
            <source>原业主</source>
            <translation>Current owner</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="124" />
            <source>新业主(&amp;N)</source>
            <translation>&amp;New owner</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="125" />
            <source>过户日期(&amp;D)</source>
            <translation>Transfer &amp;date</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/occupancy.py" line="134" />
            <source>请先选择或新建新业主</source>
            <translation>Choose or create the new owner first</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="48" />
            <source>登记车辆</source>
            <translation>Register vehicle</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="49" />
            <source>车主(&amp;W)</source>
            <translation>O&amp;wner</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="49" />
            <source>车牌号(&amp;P)</source>
            <translation>&amp;Plate</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="52" />
            <source>如 粤B12345 或 粤BD12345</source>
            <translation>e.g. 粤B12345 or 粤BD12345</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="61" />
            <source>✓ {plate}</source>
            <translation>✓ {plate}</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="62" />
            <source>车牌格式不对</source>
            <translation>Not a valid plate</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/vehicle.py" line="69" />
            <source>（不指定）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../ui/i18n.py" line="117" />
            <source>程序内部错误：{error}
请把本信息告诉系统管理员。</source>
            <translation>Internal error: {error}
Please tell your system administrator.</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="112" />
            <source>登录 - PropDesk 物业管理系统</source>
            <translation>Log in - PropDesk property management</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="113" />
            <location filename="../../ui/main_window.py" line="181" />
            <source>PropDesk 物业管理系统</source>
            <translation>PropDesk property management</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="114" />
            <source>终端 {terminal}　数据库 {db}</source>
            <translation>Terminal {terminal}  Database {db}</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="116" />
            <location filename="../../ui/screens/operators.py" line="191" />
            <source>用户名(&amp;U)</source>
            <translation>&amp;Username</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="117" />
            <location filename="../../ui/screens/operators.py" line="191" />
            <source>密码(&amp;P)</source>
            <translation>&amp;Password</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="118" />
            <location filename="../../ui/login.py" line="213" />
            <source>语言</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="119" />
            <location filename="../../ui/login.py" line="140" />
            <location filename="../../ui/screens/audit_log.py" line="28" />
            <source>登录</source>
            <translation>Log in</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="120" />
            <location filename="../../ui/login.py" line="215" />
            <source>退出</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="121" />
            <source>操作员用户名</source>
            <translation>operator username</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="126" />
            <source>请输入用户名</source>
            <translation>Enter your username</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="138" />
            <source>正在登录…</source>
            <translation>Logging in…</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="204" />
            <source>首次使用 - 创建管理员</source>
            <translation>First run - create the administrator</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="205" />
            <source>欢迎使用 PropDesk</source>
            <translation>Welcome to PropDesk</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="206" />
            <source>数据库 {db}</source>
            <translation>Database {db}</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="207" />
            <source>这个数据库还没有任何操作员。请先创建系统管理员账户，之后用它登录并添加其他操作员。</source>
            <translation>This database has no operators yet. Create the administrator account first, then log in with it and add the other operators.</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="209" />
            <location filename="../../ui/screens/navigator.py" line="37" />
            <location filename="../../ui/screens/room_occupants.py" line="24" />
            <location filename="../../ui/screens/audit_log.py" line="91" />
            <location filename="../../ui/screens/operators.py" line="31" />
            <location filename="../../ui/screens/operators.py" line="191" />
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="209" />
            <source>密码</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="209" />
            <location filename="../../ui/screens/audit_log.py" line="90" />
            <location filename="../../ui/screens/operators.py" line="30" />
            <source>用户名</source>
            <translation>Username</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="209" />
            <location filename="../../ui/screens/operators.py" line="192" />
            <source>确认密码</source>
            <translation>Confirm password</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="211" />
            <location filename="../../ui/screens/operators.py" line="194" />
            <source>至少 {n} 位</source>
            <translation>at least {n} characters</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="212" />
            <source>如：张经理</source>
            <translation>e.g. Manager Zhang</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="214" />
            <source>创建并登录</source>
            <translation>Create and log in</translation>
        </message>
        <message>
            <location filename="../../ui/login.py" line="220" />
            <location filename="../../ui/screens/operators.py" line="198" />
            <location filename="../../ui/screens/operators.py" line="229" />
            <source>两次输入的密码不一致</source>
            <translation>The two passwords differ</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="152" />
            <source>文件(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="153" />
            <source>导出当前表格到Excel(&amp;E)…</source>
            <translation>&amp;Export current table to Excel…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="154" />
            <source>注销(&amp;L)</source>
            <translation>&amp;Log out</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="155" />
            <source>退出(&amp;X)</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="156" />
            <source>视图(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="157" />
            <source>账户(&amp;A)</source>
            <translation>&amp;Account</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="158" />
            <source>修改密码(&amp;P)…</source>
            <translation>Change &amp;password…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="159" />
            <source>帮助(&amp;H)</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="160" />
            <source>键盘快捷键(&amp;K)</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="161" />
            <source>关于 PropDesk(&amp;A)</source>
            <translation>&amp;About PropDesk</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="171" />
            <source>操作员：{name}（{role}）</source>
            <translation>Operator: {name} ({role})</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="173" />
            <source>终端：{code}</source>
            <translation>Terminal: {code}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>数据库：{db}</source>
            <translation>Database: {db}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="175" />
            <source>正在处理…</source>
            <translation>Working…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="251" />
            <source>操作(&amp;O)</source>
            <translation>&amp;Actions</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="278" />
            <source>当前页面没有可导出的表格。</source>
            <translation>This page has no table to export.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="301" />
            <source>PropDesk 物业管理系统 {version}

前台、收费、工程与门禁发卡的桌面客户端。
数据保存在本机数据库，联网时与中心数据库同步。</source>
            <translation>PropDesk property management {version}

The desktop client for the front desk, cashiers, engineering and gate cards.
Data is kept in the local database and synchronised with the central database when online.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="301" />
            <source>关于 PropDesk</source>
            <translation>About PropDesk</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="342" />
            <location filename="../../ui/screens/audit_log.py" line="29" />
            <source>修改密码</source>
            <translation>Change password</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="343" />
            <source>原密码</source>
            <translation>Current password</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="343" />
            <source>新密码</source>
            <translation>New password</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="343" />
            <location filename="../../ui/screens/operators.py" line="225" />
            <source>确认新密码</source>
            <translation>Confirm new password</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="348" />
            <source>两次输入的新密码不一致</source>
            <translation>The two new passwords differ</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="356" />
            <source>密码已修改。</source>
            <translation>Password changed.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="376" />
            <source>键盘快捷键</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="377" />
            <source>功能</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="377" />
            <source>快捷键</source>
            <translation>Shortcut</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="379" />
            <source>Tab / Shift+Tab</source>
            <translation>Tab / Shift+Tab</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="379" />
            <source>在输入框之间移动</source>
            <translation>Move between fields</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="380" />
            <source>↑ ↓ ← →</source>
            <translation>↑ ↓ ← →</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="380" />
            <source>在房产树中移动、展开、收起</source>
            <translation>Move, expand and collapse in the property tree</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="381" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="381" />
            <source>打开选中的搜索结果或表格行</source>
            <translation>Open the selected search result or table row</translation>
        </message>
        <message>
            <location filename="../../ui/models/property_tree.py" line="156" />
            <source>{number}室</source>
            <translation>Room {number}</translation>
        </message>
        <message>
            <location filename="../../ui/models/property_tree.py" line="159" />
            <source>{number}号车位</source>
            <translation>Space {number}</translation>
        </message>
        <message>
            <location filename="../../ui/models/property_tree.py" line="184" />
            <source>房产</source>
            <translation>Property</translation>
        </message>
        <message>
            <location filename="../../ui/room_tabs.py" line="31" />
            <source>基本信息</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../ui/room_tabs.py" line="32" />
            <location filename="../../ui/screens/room_occupants.py" line="63" />
            <location filename="../../ui/dialogs/occupancy.py" line="90" />
            <source>住户</source>
            <translation>Occupants</translation>
        </message>
        <message>
            <location filename="../../ui/room_tabs.py" line="33" />
            <location filename="../../ui/screens/navigator.py" line="135" />
            <location filename="../../ui/screens/room_vehicles.py" line="45" />
            <location filename="../../ui/screens/audit_log.py" line="55" />
            <source>车辆</source>
            <translation>Vehicles</translation>
        </message>
        <message>
            <location filename="../../ui/screens/__init__.py" line="30" />
            <location filename="../../ui/screens/navigator.py" line="82" />
            <source>房产资料</source>
            <translation>Property</translation>
        </message>
        <message>
            <location filename="../../ui/screens/__init__.py" line="32" />
            <location filename="../../ui/screens/room_map.py" line="130" />
            <location filename="../../ui/screens/room_map.py" line="60" />
            <source>房态图</source>
            <translation>Room map</translation>
        </message>
        <message>
            <location filename="../../ui/screens/__init__.py" line="34" />
            <source>收费台</source>
            <translation>Cashier desk</translation>
        </message>
        <message>
            <location filename="../../ui/screens/__init__.py" line="46" />
            <location filename="../../ui/screens/audit_log.py" line="220" />
            <location filename="../../ui/screens/audit_log.py" line="177" />
            <source>审计日志</source>
            <translation>Audit log</translation>
        </message>
        <message>
            <location filename="../../ui/screens/__init__.py" line="48" />
            <location filename="../../ui/screens/operators.py" line="91" />
            <source>操作员管理</source>
            <translation>Operators</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="26" />
            <source>修改</source>
            <translation>Update</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="26" />
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="26" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="37" />
            <source>新建</source>
            <translation>New</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="27" />
            <source>入住</source>
            <translation>Move in</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="27" />
            <location filename="../../ui/dialogs/occupancy.py" line="88" />
            <source>迁出</source>
            <translation>Move out</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="27" />
            <location filename="../../ui/dialogs/occupancy.py" line="121" />
            <source>过户</source>
            <translation>Transfer</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="28" />
            <source>解锁</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="28" />
            <source>账户锁定</source>
            <translation>Account locked</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="29" />
            <source>批量生成</source>
            <translation>Batch generate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="29" />
            <source>演示数据</source>
            <translation>Demo data</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="30" />
            <location filename="../../ui/screens/operators.py" line="250" />
            <source>修改角色</source>
            <translation>Change role</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="30" />
            <location filename="../../ui/screens/operators.py" line="34" />
            <source>停用</source>
            <translation>Disabled</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="30" />
            <source>启用</source>
            <translation>Enable</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="31" />
            <source>导入</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="31" />
            <source>导出</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="33" />
            <source>计费</source>
            <translation>Charge</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="34" />
            <source>催缴</source>
            <translation>Dunning</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="34" />
            <source>预存赠送</source>
            <translation>Prepayment bonus</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="35" />
            <source>批量抄表</source>
            <translation>Readings batch</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="35" />
            <source>更换</source>
            <translation>Replace</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="36" />
            <source>作废</source>
            <translation>Void</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="36" />
            <source>撤回待收</source>
            <translation>Withdraw from cashier</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="36" />
            <location filename="../../ui/screens/audit_log.py" line="67" />
            <source>收款</source>
            <translation>Payment</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="37" />
            <source>开班</source>
            <translation>Open shift</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="37" />
            <source>补打</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="38" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="180" />
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="38" />
            <source>审批</source>
            <translation>Approve</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="39" />
            <source>延期</source>
            <translation>Renew</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="40" />
            <source>发布名单</source>
            <translation>Publish list</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="42" />
            <source>开始处理</source>
            <translation>Start</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="44" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="44" />
            <source>工时费</source>
            <translation>Labour fee</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="44" />
            <source>恢复</source>
            <translation>Resume</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="46" />
            <source>入库</source>
            <translation>Stock in</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="47" />
            <source>返库</source>
            <translation>Return to stock</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="50" />
            <source>保留当前值</source>
            <translation>Keep current value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="50" />
            <source>恢复被覆盖值</source>
            <translation>Re-apply overwritten value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="51" />
            <source>确认告警</source>
            <translation>Acknowledge alarm</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="54" />
            <source>入住记录</source>
            <translation>Occupancy</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="54" />
            <source>客户</source>
            <translation>Customer</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="54" />
            <source>房间</source>
            <translation>Room</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="55" />
            <location filename="../../ui/screens/audit_log.py" line="131" />
            <location filename="../../ui/screens/operators.py" line="69" />
            <source>操作员</source>
            <translation>Operator</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="57" />
            <source>宠物</source>
            <translation>Pet</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="57" />
            <source>家庭成员</source>
            <translation>Family member</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="61" />
            <source>收费标准价格</source>
            <translation>Fee standard price</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="61" />
            <source>收费标准分配</source>
            <translation>Fee assignment</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="63" />
            <source>月结</source>
            <translation>Period close</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="64" />
            <source>抄表读数</source>
            <translation>Meter reading</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="65" />
            <source>期初欠费</source>
            <translation>Opening balance</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="65" />
            <source>预存款</source>
            <translation>Prepayment</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="67" />
            <source>收据</source>
            <translation>Receipt</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="68" />
            <source>收据格式</source>
            <translation>Receipt layout</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="68" />
            <source>收费班次</source>
            <translation>Cashier shift</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="70" />
            <source>卡费用</source>
            <translation>Card charge</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="70" />
            <source>门禁名单</source>
            <translation>Gate list</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="71" />
            <source>临时停车收费</source>
            <translation>Temporary parking rate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="71" />
            <source>卡收费设置</source>
            <translation>Card fees</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="72" />
            <source>门禁卡密钥</source>
            <translation>Card keys</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="75" />
            <source>设备记录</source>
            <translation>Equipment record</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="76" />
            <source>出入库单</source>
            <translation>Stock movement</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="78" />
            <source>终端设置</source>
            <translation>Terminal setting</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="82" />
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="82" />
            <source>编码</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="83" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="34" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="176" />
            <source>建筑面积</source>
            <translation>Gross area</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="84" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="35" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="176" />
            <source>套内面积</source>
            <translation>Net area</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="87" />
            <location filename="../../ui/dialogs/customer.py" line="88" />
            <source>性别</source>
            <translation>Gender</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="87" />
            <location filename="../../ui/dialogs/customer.py" line="88" />
            <source>类别</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="87" />
            <location filename="../../ui/dialogs/customer.py" line="89" />
            <source>证件类型</source>
            <translation>ID type</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="88" />
            <source>开始日期</source>
            <translation>Start date</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="88" />
            <source>结束日期</source>
            <translation>End date</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="88" />
            <source>身份/角色</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="89" />
            <source>结束原因</source>
            <translation>End reason</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="91" />
            <source>数量</source>
            <translation>Qty</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="91" />
            <source>第一间</source>
            <translation>First room</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="92" />
            <source>最后一间</source>
            <translation>Last room</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="92" />
            <source>编码规则</source>
            <translation>Code pattern</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="130" />
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="132" />
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="133" />
            <source>对象</source>
            <translation>Object</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="134" />
            <source>摘要</source>
            <translation>Summary</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="135" />
            <source>终端</source>
            <translation>Terminal</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="136" />
            <source>对象编号</source>
            <translation>Object ID</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="213" />
            <source>全部</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="221" />
            <source>关键字(&amp;K)</source>
            <translation>&amp;Keyword</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="221" />
            <source>对象(&amp;B)</source>
            <translation>O&amp;bject</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="221" />
            <source>操作员(&amp;O)</source>
            <translation>&amp;Operator</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="222" />
            <source>从(&amp;M)</source>
            <translation>Fro&amp;m</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="222" />
            <source>至(&amp;T)</source>
            <translation>&amp;To</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="224" />
            <source>摘要、编号或修改内容中的文字</source>
            <translation>text in the summary, ID or changed values</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="225" />
            <source>查询(&amp;Q)</source>
            <translation>&amp;Search</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="226" />
            <source>修改内容</source>
            <translation>Changes</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="227" />
            <source>修改前</source>
            <translation>Before</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="227" />
            <source>修改后</source>
            <translation>After</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="227" />
            <source>字段</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../ui/screens/audit_log.py" line="229" />
            <source>共 {n} 条（最多显示 {limit} 条）</source>
            <translation>{n} records (at most {limit} shown)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="37" />
            <location filename="../../ui/screens/room_info.py" line="136" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="30" />
            <source>房间编码</source>
            <translation>Room code</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="37" />
            <location filename="../../ui/screens/navigator.py" line="134" />
            <source>车位编码</source>
            <translation>Space code</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="38" />
            <location filename="../../ui/screens/room_occupants.py" line="26" />
            <location filename="../../ui/screens/audit_log.py" line="86" />
            <source>手机</source>
            <translation>Mobile</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="38" />
            <source>拼音</source>
            <translation>Pinyin</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="38" />
            <location filename="../../ui/screens/audit_log.py" line="86" />
            <source>证件号码</source>
            <translation>ID number</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="39" />
            <source>车牌</source>
            <translation>Plate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="42" />
            <location filename="../../ui/screens/audit_log.py" line="55" />
            <source>公司</source>
            <translation>Company</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="42" />
            <location filename="../../ui/screens/audit_log.py" line="56" />
            <source>区域</source>
            <translation>Region</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="42" />
            <location filename="../../ui/screens/audit_log.py" line="56" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="166" />
            <source>小区</source>
            <translation>Estate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="43" />
            <location filename="../../ui/screens/navigator.py" line="134" />
            <location filename="../../ui/screens/audit_log.py" line="58" />
            <source>停车场</source>
            <translation>Car park</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="43" />
            <location filename="../../ui/screens/audit_log.py" line="57" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="31" />
            <source>单元</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="43" />
            <location filename="../../ui/screens/audit_log.py" line="56" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="239" />
            <source>楼栋</source>
            <translation>Building</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="85" />
            <source>正在统计…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="87" />
            <source>共 {n} 间房</source>
            <translation>{n} rooms</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="88" />
            <source>在左侧展开小区、楼栋和单元，选择房间查看和修改资料；选择楼栋或单元查看房态图。按 Ctrl+F 可按房号、姓名、拼音首字母、手机、证件号后几位或车牌查找。</source>
            <translation>Expand estates, buildings and units on the left; select a room to view and edit it, a building or unit to see its room map. Ctrl+F finds by room code, name, pinyin initials, mobile, last digits of an ID number or plate.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="134" />
            <location filename="../../ui/screens/room_info.py" line="139" />
            <location filename="../../ui/screens/room_occupants.py" line="29" />
            <location filename="../../ui/screens/audit_log.py" line="85" />
            <location filename="../../ui/screens/operators.py" line="33" />
            <location filename="../../ui/dialogs/master_data.py" line="98" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="134" />
            <location filename="../../ui/dialogs/master_data.py" line="92" />
            <location filename="../../ui/dialogs/master_data.py" line="96" />
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="135" />
            <location filename="../../ui/dialogs/master_data.py" line="97" />
            <source>面积(㎡)</source>
            <translation>Area (m²)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="142" />
            <location filename="../../ui/dialogs/occupancy.py" line="126" />
            <source>（无）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="154" />
            <source>{name}（{role}，{since} 起）</source>
            <translation>{name} ({role}, since {since})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="352" />
            <source>修改(&amp;E)…</source>
            <translation>&amp;Edit…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="354" />
            <source>查找 房号/姓名/拼音/手机/证件/车牌</source>
            <translation>Find room/name/pinyin/mobile/ID/plate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="355" />
            <source>按房间编码、姓名、拼音首字母、手机号、证件号后几位或车牌查找；Enter 打开第一个结果，↓ 进入结果列表 (Ctrl+F)</source>
            <translation>Find by room code, name, pinyin initials, mobile, last digits of an ID number or plate; Enter opens the first result, ↓ enters the list (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="357" />
            <source>查找(&amp;F)</source>
            <translation>&amp;Find</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="358" />
            <source>批量生成房间(&amp;G)…</source>
            <translation>&amp;Generate rooms…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="359" />
            <source>刷新(&amp;R)</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="360" />
            <source>转到房产树(&amp;T)</source>
            <translation>Go to property &amp;tree</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="361" />
            <source>没有找到匹配的房间、客户或车辆</source>
            <translation>No matching room, customer or vehicle</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="401" />
            <source>{code}　{name}（{how}）</source>
            <translation>{code}  {name} ({how})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/navigator.py" line="402" />
            <source>{code}（{how}）</source>
            <translation>{code} ({how})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="32" />
            <source>角色</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="34" />
            <source>已锁定</source>
            <translation>Locked</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="34" />
            <source>正常</source>
            <translation>Active</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="36" />
            <source>锁定至</source>
            <translation>Locked until</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="37" />
            <source>连续密码错误</source>
            <translation>Failed attempts</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="92" />
            <source>新增操作员(&amp;A)…</source>
            <translation>&amp;Add operator…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="93" />
            <source>解锁(&amp;U)</source>
            <translation>&amp;Unlock</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="94" />
            <source>重置密码(&amp;R)…</source>
            <translation>&amp;Reset password…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="95" />
            <source>刷新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="96" />
            <source>修改角色(&amp;O)…</source>
            <translation>Change r&amp;ole…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="98" />
            <source>密码连续输错 5 次账户会锁定 15 分钟；管理员可立即解锁。重置密码后请当面告知操作员，并请其登录后自行修改。停用的操作员不能登录，其记录保留供审计；至少要保留一位在用的管理员。</source>
            <translation>Five wrong passwords in a row lock an account for 15 minutes; an administrator can unlock it at once. After resetting a password, tell the operator in person and ask them to change it after logging in. A disabled operator cannot log in; their record stays for the audit. At least one active administrator must remain.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="104" />
            <source>启用(&amp;E)</source>
            <translation>&amp;Enable</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="105" />
            <source>停用(&amp;D)</source>
            <translation>&amp;Disable</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="140" />
            <source>已解锁 {user}。</source>
            <translation>{user} unlocked.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="164" />
            <source>修改自己的密码请用菜单 账户 ▸ 修改密码。</source>
            <translation>To change your own password use Account ▸ Change password.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="190" />
            <source>新增操作员</source>
            <translation>Add operator</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="221" />
            <source>重置密码</source>
            <translation>Reset password</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="222" />
            <source>为 {user}（{name}）设置新密码：</source>
            <translation>New password for {user} ({name}):</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="224" />
            <source>新密码(&amp;P)</source>
            <translation>New &amp;password</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="251" />
            <source>{user}（{name}）的新角色，下次登录时生效：</source>
            <translation>New role for {user} ({name}), effective at their next login:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/operators.py" line="253" />
            <location filename="../../ui/screens/operators.py" line="191" />
            <source>角色(&amp;R)</source>
            <translation>&amp;Role</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_detail.py" line="137" />
            <location filename="../../ui/widgets/room_grid.py" line="182" />
            <location filename="../../ui/widgets/room_grid.py" line="77" />
            <source>{floor}层</source>
            <translation>Floor {floor}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_detail.py" line="139" />
            <source>建筑面积 {area}㎡</source>
            <translation>gross area {area} m²</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_detail.py" line="140" />
            <source>{role}：{name}</source>
            <translation>{role}: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_detail.py" line="142" />
            <source>暂无住户</source>
            <translation>No occupants</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="136" />
            <location filename="../../ui/screens/audit_log.py" line="82" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="33" />
            <source>房号</source>
            <translation>Room no.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="136" />
            <location filename="../../ui/screens/audit_log.py" line="83" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="32" />
            <source>楼层</source>
            <translation>Floor</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="137" />
            <source>套内面积(㎡)</source>
            <translation>Net area (m²)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="137" />
            <location filename="../../ui/dialogs/master_data.py" line="58" />
            <source>建筑面积(㎡)</source>
            <translation>Gross area (m²)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="138" />
            <location filename="../../ui/screens/audit_log.py" line="84" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="176" />
            <source>户型</source>
            <translation>Layout</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="138" />
            <location filename="../../ui/screens/audit_log.py" line="84" />
            <source>朝向</source>
            <translation>Orientation</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="138" />
            <location filename="../../ui/screens/audit_log.py" line="85" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="167" />
            <source>用途</source>
            <translation>Usage</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="139" />
            <location filename="../../ui/screens/audit_log.py" line="86" />
            <location filename="../../ui/dialogs/customer.py" line="92" />
            <location filename="../../ui/dialogs/occupancy.py" line="56" />
            <source>备注</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="139" />
            <location filename="../../ui/screens/audit_log.py" line="85" />
            <source>权属类型</source>
            <translation>Ownership</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="142" />
            <source>保存 (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="143" />
            <source>撤销修改</source>
            <translation>Revert</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="144" />
            <source>只读：您的角色没有修改房产资料的权限</source>
            <translation>Read-only: your role may not edit property data</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="145" />
            <source>如：三室两厅</source>
            <translation>e.g. 3 bedrooms, 2 living rooms</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="146" />
            <source>如：南北</source>
            <translation>e.g. north-south</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="238" />
            <source>未保存的修改</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="239" />
            <source>房间 {code} 的修改还没有保存。</source>
            <translation>Changes to room {code} are not saved.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_info.py" line="242" />
            <source>要保存吗？</source>
            <translation>Save them?</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_map.py" line="59" />
            <source>{building} 房态图</source>
            <translation>{building} room map</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_map.py" line="62" />
            <source>共 {n} 间</source>
            <translation>{n} rooms</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_map.py" line="131" />
            <source>小区(&amp;S)</source>
            <translation>E&amp;state</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_map.py" line="132" />
            <location filename="../../ui/dialogs/batch_rooms.py" line="166" />
            <source>楼栋(&amp;B)</source>
            <translation>&amp;Building</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_map.py" line="133" />
            <source>打开房间</source>
            <translation>Open room</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_map.py" line="134" />
            <source>单击房间打开房间详情；也可用方向键在房间之间移动，按 Enter 打开。</source>
            <translation>Click a room to open its details; or move between rooms with the arrow keys and press Enter.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="25" />
            <source>身份</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="27" />
            <source>入住日期</source>
            <translation>Moved in</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="28" />
            <source>迁出日期</source>
            <translation>Moved out</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="30" />
            <source>已迁出</source>
            <translation>Moved out</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="30" />
            <source>当前</source>
            <translation>Current</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="92" />
            <source>入住(&amp;I)…</source>
            <translation>Move &amp;in…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="93" />
            <source>迁出(&amp;O)…</source>
            <translation>Move &amp;out…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="94" />
            <source>过户(&amp;T)…</source>
            <translation>&amp;Transfer…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="95" />
            <source>修改客户资料(&amp;E)…</source>
            <translation>&amp;Edit customer…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="96" />
            <source>显示历史住户</source>
            <translation>Show past occupants</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="97" />
            <source>该客户名下的房产和车位</source>
            <translation>This customer's rooms and parking spaces</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="98" />
            <source>单击即可打开</source>
            <translation>Click to open</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_occupants.py" line="144" />
            <source>（当前房间）</source>
            <translation>(this room)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="17" />
            <location filename="../../ui/screens/audit_log.py" line="89" />
            <source>车牌号</source>
            <translation>Plate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="18" />
            <source>车主</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="19" />
            <location filename="../../ui/screens/audit_log.py" line="89" />
            <location filename="../../ui/dialogs/vehicle.py" line="49" />
            <source>品牌</source>
            <translation>Brand</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="20" />
            <location filename="../../ui/screens/audit_log.py" line="90" />
            <location filename="../../ui/dialogs/vehicle.py" line="49" />
            <source>型号</source>
            <translation>Model</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="21" />
            <location filename="../../ui/screens/audit_log.py" line="90" />
            <location filename="../../ui/dialogs/vehicle.py" line="50" />
            <source>颜色</source>
            <translation>Colour</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="22" />
            <location filename="../../ui/screens/audit_log.py" line="58" />
            <location filename="../../ui/dialogs/vehicle.py" line="50" />
            <source>车位</source>
            <translation>Parking space</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="54" />
            <source>登记车辆(&amp;A)…</source>
            <translation>&amp;Add vehicle…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="55" />
            <source>共 {n} 辆</source>
            <translation>{n} vehicles</translation>
        </message>
        <message>
            <location filename="../../ui/screens/room_vehicles.py" line="68" />
            <source>请先办理入住，车辆登记在住户名下</source>
            <translation>Move someone in first; vehicles are registered to occupants</translation>
        </message>
        <message>
            <location filename="../../ui/tasks.py" line="270" />
            <source>操作未完成</source>
            <translation>Not done</translation>
        </message>
        <message>
            <location filename="../../ui/tasks.py" line="282" />
            <source>提示</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/room_grid.py" line="155" />
            <source>该楼栋还没有房间</source>
            <translation>This building has no rooms yet</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/room_grid.py" line="172" />
            <source>{unit}单元</source>
            <translation>Unit {unit}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/room_grid.py" line="172" />
            <source>无单元</source>
            <translation>No unit</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/room_grid.py" line="318" />
            <source>{status} {n}</source>
            <translation>{status} {n}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="53" />
            <source>否</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="53" />
            <source>是</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="231" />
            <source>导出Excel…</source>
            <translation>Export to Excel…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="232" />
            <source>复制</source>
            <translation>Copy</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="361" />
            <location filename="../../ui/widgets/table.py" line="373" />
            <source>表格</source>
            <translation>Table</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="363" />
            <source>Excel 工作簿 (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="363" />
            <location filename="../../ui/widgets/table.py" line="388" />
            <source>导出Excel</source>
            <translation>Export to Excel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="377" />
            <source>导出时间：{time}　操作员：{who}</source>
            <translation>Exported {time}  Operator: {who}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/table.py" line="387" />
            <source>已导出 {n} 行到
{path}</source>
            <translation>Exported {n} rows to
{path}</translation>
        </message>
        <message>
            <source>密码连续输错 5 次账户会锁定 15 分钟；管理员可立即解锁。重置密码后请当面告知操作员，并请其登录后自行修改。</source>
            <translation type="vanished">Five wrong passwords in a row lock an account for 15 minutes; an administrator can unlock it at once. After resetting a password, tell the operator in person and ask them to change it after logging in.</translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <location filename="../../propdesk/models/enums.py" line="10" />
            <source>别墅</source>
            <translation>Villa</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="10" />
            <source>商业</source>
            <translation>Commercial</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="10" />
            <source>多层</source>
            <translation>Multi-storey</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="10" />
            <source>高层</source>
            <translation>High-rise</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="11" />
            <source>剪力墙</source>
            <translation>Shear wall</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="11" />
            <source>框架</source>
            <translation>Frame</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="11" />
            <source>砖混</source>
            <translation>Brick-concrete</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="11" />
            <source>钢结构</source>
            <translation>Steel</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="12" />
            <source>住宅</source>
            <translation>Residential</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="12" />
            <location filename="../../propdesk/models/enums.py" line="35" />
            <source>其他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="12" />
            <source>办公</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="12" />
            <source>商铺</source>
            <translation>Shop</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="12" />
            <source>车位</source>
            <translation>Parking space</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="14" />
            <location filename="../../propdesk/models/enums.py" line="40" />
            <source>空置</source>
            <translation>Vacant</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="15" />
            <source>已售未入住</source>
            <translation>Sold, vacant</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="16" />
            <source>入住</source>
            <translation>Occupied</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="17" />
            <source>装修</source>
            <translation>Renovating</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="18" />
            <source>出租</source>
            <translation>Rented</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="21" />
            <source>商品房</source>
            <translation>Commodity housing</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="22" />
            <source>房改房</source>
            <translation>Reform housing</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="23" />
            <source>经济适用房</source>
            <translation>Affordable housing</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="24" />
            <source>公租房</source>
            <translation>Public rental</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="25" />
            <source>自持</source>
            <translation>Self-held</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="27" />
            <source>个人</source>
            <translation>Person</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="27" />
            <source>企业</source>
            <translation>Company</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="28" />
            <source>女</source>
            <translation>Female</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="28" />
            <source>男</source>
            <translation>Male</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="30" />
            <source>居民身份证</source>
            <translation>Resident ID card</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="31" />
            <source>护照</source>
            <translation>Passport</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="32" />
            <source>港澳居民来往内地通行证</source>
            <translation>Hong Kong/Macao travel permit</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="33" />
            <source>台湾居民来往大陆通行证</source>
            <translation>Taiwan travel permit</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="34" />
            <source>统一社会信用代码</source>
            <translation>Unified social credit code</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="37" />
            <source>业主</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="37" />
            <source>住户</source>
            <translation>Resident</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="37" />
            <source>租户</source>
            <translation>Tenant</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="38" />
            <source>迁出</source>
            <translation>Moved out</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="38" />
            <source>过户</source>
            <translation>Transferred</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="39" />
            <source>临时</source>
            <translation>Temporary</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="39" />
            <source>产权</source>
            <translation>Owned</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="39" />
            <source>人防</source>
            <translation>Civil defence</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="39" />
            <source>租赁</source>
            <translation>Leased</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="40" />
            <source>使用中</source>
            <translation>In use</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="40" />
            <source>已售</source>
            <translation>Sold</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="40" />
            <source>已租</source>
            <translation>Let</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="41" />
            <source>地下</source>
            <translation>Underground</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="41" />
            <source>地面</source>
            <translation>Ground</translation>
        </message>
        <message>
            <location filename="../../propdesk/models/enums.py" line="41" />
            <source>车库</source>
            <translation>Garage</translation>
        </message>
        <message>
            <location filename="../../propdesk/security.py" line="52" />
            <source>管理员</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <location filename="../../propdesk/security.py" line="53" />
            <source>主管</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <location filename="../../propdesk/security.py" line="54" />
            <source>前台</source>
            <translation>Front desk</translation>
        </message>
        <message>
            <location filename="../../propdesk/security.py" line="55" />
            <source>收费员</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <location filename="../../propdesk/security.py" line="56" />
            <source>财务</source>
            <translation>Finance</translation>
        </message>
        <message>
            <location filename="../../propdesk/security.py" line="57" />
            <source>工程</source>
            <translation>Engineering</translation>
        </message>
    </context>
</TS>
