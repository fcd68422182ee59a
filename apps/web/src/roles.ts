import type { User } from './api/models';

export const isAdmin = (user: User): boolean => user.role === 'city_admin' || user.role === 'district_admin';
export const isCityAdmin = (user: User): boolean => user.role === 'city_admin';
