/**
 * A maintainer of a unit's folder, as CODEOWNERS names one: `@user`, `@org/team` (GitHub),
 * `@group/subgroup` (GitLab), or an email. No spaces, nothing a CODEOWNERS line could misread.
 */
export const MAINTAINER =
  /^(?:@[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38})(?:\/[A-Za-z0-9_.-]{1,100}){0,3}|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,})$/;

export const MAINTAINER_ACCEPTED = '维护人写 GitHub/GitLab 用户名或团队（以 @ 开头，如 @wangmin、@huaiyin/qbb）或邮箱';
