import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';

/**
 * faker with all its locales costs ~150 ms to import: load only zh_CN (with its en fallback), and only when the first
 * member is generated, so `alimock serve` starts fast.
 */
let shared: Faker | undefined;
function fakerInstance(): Faker {
  shared ??= (createRequire(import.meta.url)('@faker-js/faker/locale/zh_CN') as { faker: Faker }).faker;
  return shared;
}

/** A fake Alipay member. */
export interface User {
  /** 2088 + 12 digits */
  userId: string;
  /** open id as the newer APIs issue it */
  openId: string;
  /** mainland mobile 1[3-9]xxxxxxxxx, or "" when no phone is bound */
  mobile: string;
  nickName: string;
}

export const DEMO_USER: User = {
  userId: '2088000000000001',
  openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo',
  mobile: '13800138000',
  nickName: '演示用户',
};

/**
 * Seeded user factory: the same seed gives the same users in the same order. Each member is generated from
 * (seed, its index), so factories can share one faker instance.
 */
export function createUserFactory(seed: number): { next(options?: { mobile?: string; noMobile?: boolean }): User } {
  let index = 0;
  return {
    next(options = {}) {
      const faker = fakerInstance();
      faker.seed([seed, index++]);
      const userId = `2088${faker.string.numeric({ length: 12, allowLeadingZeros: true })}`;
      const openId = `0${faker.string.alphanumeric({ length: 45 })}`;
      const mobile =
        options.noMobile === true
          ? ''
          : (options.mobile ??
            `1${faker.helpers.arrayElement(['3', '4', '5', '6', '7', '8', '9'])}${faker.string.numeric({ length: 9, allowLeadingZeros: true })}`);
      return { userId, openId, mobile, nickName: faker.person.fullName() };
    },
  };
}
