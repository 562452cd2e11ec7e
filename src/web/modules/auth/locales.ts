/**
 * The login screen's texts. They live apart from the application's language files because the
 * login screen is shown before the application is downloaded (see src/web/main.tsx): both
 * languages together are about one kilobyte.
 */
import type { Shape } from '../../platform/i18n/shape';

export const loginZh = {
  appName: '智安',
  appFullName: '智安 · 智慧安全管理信息系统',
  appSubtitle: '智慧安全管理信息系统',
  welcome: '欢迎登录',
  username: '用户名',
  password: '密码',
  usernameRequired: '请输入用户名',
  passwordRequired: '请输入密码',
  showPassword: '显示密码',
  submit: '登 录',
  demoTitle: '演示账号',
  demoHint: '点击账号自动填入，密码均为 {password}',
  footer: '© 智安 · 双重预防 · 协同治理',
  demo: {
    admin: '系统管理员',
    safety: '安全员',
    production: '生产部',
    equipment: '设备部',
    hr: '人力资源部',
    logistics: '后勤部',
    worker: '一线员工',
    committee: '安委会',
  },
  // what the login endpoint answers with; anything else shows the server's message
  errors: {
    NETWORK: '网络异常，请检查网络后重试',
    INVALID_CREDENTIALS: '用户名或密码错误',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    VALIDATION_FAILED: '请输入用户名和密码',
    unexpected: '登录失败，请稍后再试',
  },
};

export const loginEn: Shape<typeof loginZh> = {
  appName: "Zhi'an",
  appFullName: "Zhi'an · Smart Safety Management",
  appSubtitle: 'Smart Safety Management Information System',
  welcome: 'Welcome',
  username: 'Username',
  password: 'Password',
  usernameRequired: 'Please enter your username',
  passwordRequired: 'Please enter your password',
  showPassword: 'Show password',
  submit: 'Log in',
  demoTitle: 'Demo accounts',
  demoHint: 'Click an account to fill it in; the password is {password}',
  footer: "© Zhi'an · Dual prevention · Working together",
  demo: {
    admin: 'Administrator',
    safety: 'Safety officer',
    production: 'Production',
    equipment: 'Equipment',
    hr: 'Human resources',
    logistics: 'Logistics',
    worker: 'Front-line worker',
    committee: 'Safety committee',
  },
  errors: {
    NETWORK: 'Network problem, please check your connection and retry',
    INVALID_CREDENTIALS: 'Wrong username or password',
    RATE_LIMITED: 'Too many attempts, please wait a moment',
    VALIDATION_FAILED: 'Please enter your username and password',
    unexpected: 'Login failed, please try again later',
  },
};
